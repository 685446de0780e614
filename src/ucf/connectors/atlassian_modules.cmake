# The Atlassian Cloud connectors (included from src/ucf/connectors/CMakeLists.txt).
add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/atlassian ${CMAKE_CURRENT_BINARY_DIR}/atlassian)
add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/jira ${CMAKE_CURRENT_BINARY_DIR}/jira)
add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/confluence ${CMAKE_CURRENT_BINARY_DIR}/confluence)
