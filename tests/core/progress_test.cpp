#include "mechlab/core/progress.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "mechlab/core/error.hpp"

namespace mechlab {
namespace {

void sleep_briefly() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

TEST(Progress, NoLimitNeverThrows) {
  Progress p;
  EXPECT_EQ(p.time_limit_seconds(), std::nullopt);
  EXPECT_EQ(p.remaining_seconds(), std::nullopt);
  p.start("work", 10);
  for (int i = 0; i < 10; ++i) EXPECT_NO_THROW(p.advance());
  EXPECT_NO_THROW(p.check());
  EXPECT_GE(p.elapsed_seconds(), 0.0);
}

TEST(Progress, TinyTimeLimitThrowsTimeLimitExceededOnceElapsed) {
  Progress p(Progress::Options{0.001, false});
  EXPECT_EQ(p.time_limit_seconds(), std::optional<double>(0.001));
  sleep_briefly();
  try {
    p.advance();
    FAIL() << "advance() did not throw after the time limit";
  } catch (const TimeLimitExceeded& e) {
    EXPECT_EQ(e.seconds(), 0.001);
  }
  EXPECT_THROW(p.check(), TimeLimitExceeded);
  EXPECT_THROW(p.start("again"), TimeLimitExceeded);
  // Never negative.
  EXPECT_EQ(p.remaining_seconds(), std::optional<double>(0.0));
}

TEST(Progress, GenerousTimeLimitDoesNotThrow) {
  Progress p(Progress::Options{3600.0, false});
  EXPECT_NO_THROW(p.advance(5));
  ASSERT_TRUE(p.remaining_seconds().has_value());
  EXPECT_GT(*p.remaining_seconds(), 0.0);
  EXPECT_LE(*p.remaining_seconds(), 3600.0);
}

TEST(Progress, CancelMakesAdvanceThrowCancelled) {
  Progress p;
  EXPECT_NO_THROW(p.advance());
  p.cancel();
  EXPECT_THROW(p.advance(), Cancelled);
  EXPECT_THROW(p.check(), Cancelled);
}

TEST(Progress, CancelFromAnotherThread) {
  Progress p;
  std::thread t([&p] { p.cancel(); });
  t.join();
  EXPECT_THROW(p.advance(), Cancelled);
}

TEST(Progress, CancelTakesPrecedenceOverTimeLimit) {
  Progress p(Progress::Options{0.001, false});
  sleep_briefly();
  p.cancel();
  EXPECT_THROW(p.check(), Cancelled);
}

TEST(Progress, NoneHasNoLimits) {
  Progress& none = Progress::none();
  EXPECT_EQ(none.time_limit_seconds(), std::nullopt);
  EXPECT_NO_THROW(none.advance(1000));
  EXPECT_EQ(&none, &Progress::none());
}

TEST(Errors, InputErrorMessageNamesPointerExpectedAndFound) {
  const InputError e("/a/0", "a number", "a string");
  EXPECT_STREQ(e.what(), "/a/0: expected a number, found a string");
  EXPECT_EQ(e.pointer(), "/a/0");
  EXPECT_EQ(e.expected(), "a number");
  EXPECT_EQ(e.found(), "a string");
  const InputError root("", "an object");
  EXPECT_STREQ(root.what(), "(document root): expected an object");
  const InputError moved = e.with_prefix("/model");
  EXPECT_EQ(moved.pointer(), "/model/a/0");
  EXPECT_EQ(moved.expected(), "a number");
  EXPECT_EQ(moved.found(), "a string");
}

}  // namespace
}  // namespace mechlab
