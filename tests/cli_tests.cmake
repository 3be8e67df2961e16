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

# mechlab sweep end to end (tests/cli/sweep_check.py): threads, resume after SIGKILL, invalid
# points; with MPI, mpirun --oversubscribe -n 3 against the serial run (label mpi: OpenMPI leaks
# at MPI_Finalize, so scripts/test leaves it out of the LeakSanitizer run).
add_test(NAME cli.sweep
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/cli/sweep_check.py
                 $<TARGET_FILE:mechlab_cli> local)
find_program(MECHLAB_MPIRUN NAMES mpirun)
if(MECHLAB_MPI AND MECHLAB_MPIRUN)
  add_test(NAME cli.sweep_mpi
           COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/cli/sweep_check.py
                   $<TARGET_FILE:mechlab_cli> mpi)
  # Root (CI containers) may run mpirun only when asked twice.
  set_tests_properties(cli.sweep_mpi PROPERTIES LABELS mpi
    ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMPI_MCA_rmaps_base_oversubscribe=1")
endif()

# The CLI tests are the longest (a minute or more in the sanitizer build): started first, they
# overlap the many short GoogleTest cases instead of running alone at the end (ctest -j).
set_tests_properties(cli.golden cli.sweep cli.bad_inputs PROPERTIES COST 1000)
