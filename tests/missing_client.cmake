# Stands in for a test's command when the real client it needs was not found at configure time:
# the test is still registered (`ctest -N` lists it) and fails, saying what to install, rather than
# the suite passing without it. Usage (from a CMakeLists.txt):
#   ${CMAKE_COMMAND} -DCLIENT=<what> -DPACKAGE=<Debian package> -P tests/missing_client.cmake
message(FATAL_ERROR "${CLIENT} was not found when the build was configured (Debian: ${PACKAGE}); "
                    "run .ci/install-deps and configure again")
