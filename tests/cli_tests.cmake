# Tests that run the mechlab binary: bad inputs, golden outputs.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME cli.bad_inputs
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/cli/cli_check.py
                 $<TARGET_FILE:mechlab_cli> bad ${CMAKE_CURRENT_SOURCE_DIR}/bad_inputs)
add_test(NAME cli.golden
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/cli/cli_check.py
                 $<TARGET_FILE:mechlab_cli> golden ${CMAKE_CURRENT_SOURCE_DIR}/golden)
