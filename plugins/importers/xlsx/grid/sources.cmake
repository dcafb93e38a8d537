# The spreadsheet layout recogniser shared by the XLSX and the CSV importer: the sheet model,
# label matching and value parsing, and the search for tables and format. Both plugins compile it
# in (plugins are self-contained shared objects); include() this file for the list.
set(NIANBAO_GRID_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/encoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layout.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reconstruct.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sheet.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp)
