# Secrets scan (see tests/secrets/README.md). Included by tests/CMakeLists.txt.
# Integration and e2e tests run through run-captured.sh (every logging category at debug,
# private HOME/XDG/TMPDIR folders, the Clerk stand-in recording what it issues, output
# captured) and require the fixture `qonvex_secrets`, whose cleanup test `secrets_scan` then
# looks for every issued secret in everything they wrote. Off: -DQONVEX_SECRETS_SCAN=OFF.
option(QONVEX_SECRETS_SCAN "Run integration/e2e tests under the secrets scan" ON)
find_program(QONVEX_PYTHON3 python3 HINTS /usr/bin)
find_program(QONVEX_BASH bash)
if(QONVEX_SECRETS_SCAN AND (NOT QONVEX_PYTHON3 OR NOT QONVEX_BASH))
  message(WARNING "python3 or bash not found: integration/e2e tests run without the secrets scan")
  set(QONVEX_SECRETS_SCAN OFF)
endif()
set(QONVEX_SECRETS_DIR ${CMAKE_CURRENT_LIST_DIR})

# add_test() for qonvex_add_test() (QTEST: COMMAND starts with the test's target name) and
# qonvex_add_command_test(); unit tests and a scan that is off get the plain command.
function(qonvex_secrets_add_test name label)
  cmake_parse_arguments(S "QTEST" "WORKING_DIRECTORY" "COMMAND" ${ARGN})
  set(where)
  if(S_WORKING_DIRECTORY)
    set(where WORKING_DIRECTORY ${S_WORKING_DIRECTORY})
  endif()
  if(NOT QONVEX_SECRETS_SCAN OR NOT label MATCHES "^(integration|e2e)$")
    add_test(NAME ${name} COMMAND ${S_COMMAND} ${where})
    return()
  endif()
  set(command ${S_COMMAND})
  if(S_QTEST)
    # The wrapper runs the file, not a target name; QTest stops printing after 2000 messages
    # unless told otherwise, and debug logging easily passes that.
    list(POP_FRONT command target)
    set(command $<TARGET_FILE:${target}> ${command} -maxwarnings 0)
  endif()
  add_test(NAME ${name} COMMAND ${QONVEX_BASH} ${QONVEX_SECRETS_DIR}/run-captured.sh ${name} ${command} ${where})
  set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED qonvex_secrets)
endfunction()

if(QONVEX_SECRETS_SCAN)
  # Runs after every test that requires the fixture (also when one of them failed).
  add_test(NAME secrets_scan
           COMMAND ${QONVEX_PYTHON3} ${QONVEX_SECRETS_DIR}/scan_secrets.py
                   --artifacts ${PROJECT_BINARY_DIR}/test-artifacts)
  set_tests_properties(secrets_scan PROPERTIES LABELS integration TIMEOUT 900
                       FIXTURES_CLEANUP qonvex_secrets SKIP_RETURN_CODE 77
                       ENVIRONMENT "${QONVEX_TEST_ENV}")
endif()
if(QONVEX_PYTHON3)
  # The scan can fail: planted pieces of secrets are caught, the keychain folder is not scanned.
  add_test(NAME secrets_scan_selftest COMMAND ${QONVEX_PYTHON3} ${QONVEX_SECRETS_DIR}/scan_secrets.py --self-test)
  set_tests_properties(secrets_scan_selftest PROPERTIES LABELS unit TIMEOUT 60)
endif()
if(QONVEX_SANITIZE)
  foreach(t secrets_scan secrets_scan_selftest)
    if(TEST ${t})
      set_tests_properties(${t} PROPERTIES DISABLED TRUE)
    endif()
  endforeach()
endif()
