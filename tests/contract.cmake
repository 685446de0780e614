# Spec conformance of the Atlassian connectors against `prism mock --dynamic` of the official
# OpenAPI descriptions (tests/peers/atlassian/mock.mjs, launcher tests/support/atlassian_mock.*),
# included from tests/CMakeLists.txt. Label `peers` (run alone: ctest -R AtlassianContract); skips, saying so, only when
# tests/peers/node_modules has no @stoplight/prism-cli.
add_executable(ucf_contract_test contract/atlassian_contract_test.cpp support/atlassian_mock.cpp
                                 integration/test_server.cpp)
target_link_libraries(ucf_contract_test PRIVATE ucf_app ucf_test_support GTest::gtest_main)
target_compile_options(ucf_contract_test PRIVATE ${UCF_OWN_WARNINGS})
target_compile_definitions(ucf_contract_test PRIVATE UCF_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
include(GoogleTest)
gtest_discover_tests(ucf_contract_test PROPERTIES LABELS peers DISCOVERY_TIMEOUT 30
                     TIMEOUT 600)

# The GitHub connector against `prism mock --dynamic` of GitHub's published OpenAPI description
# (tests/peers/github/mock.mjs). Label `peers` (run alone: ctest -R GitHubContract).
add_executable(ucf_github_contract_test contract/github_contract_test.cpp)
target_link_libraries(ucf_github_contract_test PRIVATE ucf_connections ucf_connectors_github ucf_test_support
                      GTest::gtest_main)
target_compile_options(ucf_github_contract_test PRIVATE ${UCF_OWN_WARNINGS})
gtest_discover_tests(ucf_github_contract_test PROPERTIES LABELS peers DISCOVERY_TIMEOUT 30 TIMEOUT 300)
