# Tests that run the mechlab binary: bad inputs, golden outputs.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME cli.bad_inputs
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/cli/cli_check.py
                 $<TARGET_FILE:mechlab_cli> bad ${CMAKE_CURRENT_SOURCE_DIR}/bad_inputs)
add_test(NAME cli.golden
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/cli/cli_check.py
                 $<TARGET_FILE:mechlab_cli> golden ${CMAKE_CURRENT_SOURCE_DIR}/golden)

# cmake --install, then find_package(mechlab) from a separate project.
add_test(NAME install.consumer
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/install/check_consumer.sh ${CMAKE_BINARY_DIR})
set_tests_properties(install.consumer PROPERTIES DEPENDS "mechlab_tests")
