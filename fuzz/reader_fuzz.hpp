// The frame the reader fuzz targets share: the input parsed as JSON and read
// under a small memory limit (16 MiB unless a target says otherwise). InputError is an accepted
// outcome (bad input gets a clear error); any other exception, a sanitizer report or a trap in the
// body is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mechlab/core/error.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::fuzz {

// Runs body(root, options) on the parsed input, read under `memory_limit_mib`.
template <class Body>
int json_input(const std::uint8_t* data, std::size_t size, Body body,
               std::uint64_t memory_limit_mib = 16) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::ReadOptions options;
  options.memory_limit_bytes = memory_limit_mib << 20;
  try {
    const io::Document doc = io::parse_json(text);
    body(io::Node(doc), options);
  } catch (const InputError&) {
  }
  return 0;
}

// A model accepted in exact arithmetic is read again in double precision,
// which must succeed or throw InputError too.
template <class Read>
void read_in_double(const io::ReadOptions& options, Read read) {
  io::ReadOptions doubles = options;
  doubles.doubles = true;
  try {
    read(doubles);
  } catch (const InputError&) {
  }
}

}  // namespace mechlab::fuzz
