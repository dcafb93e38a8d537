# Helpers for building nianbao plugins, in this source tree and out of tree alike.

# nianbao_add_plugin(<target>
#     ID <plugin-id> VERSION <x.y.z> KINDS <format|importer|exporter|check>...
#     SOURCES <file>... [DESCRIPTION <text>] [FORMATS <id>...] [YEARS <"2019-2020"|"2021-">]
#     [EXTENSIONS <.ext>...] [LIBRARIES <target>...] [OUTPUT_DIRECTORY <dir>]
#     [INSTALL_DESTINATION <dir>])
#
# Builds a loadable module named <plugin-id>.so that exports only its entry function, and
# writes the manifest <plugin-id>.nianbao-plugin.json beside it, which lets `nianbao plugins`
# list the plugin without loading it. EXTENSIONS names the file endings the plugin's importers read
# or exporters write (the same as their extensions()): a command loads an importer or exporter
# only for a file it names, and a manifest without them makes the plugin load whenever its kind
# is needed. Load it with `nianbao --plugin-path <OUTPUT_DIRECTORY>`.
function(nianbao_add_plugin target)
  cmake_parse_arguments(P "" "ID;VERSION;DESCRIPTION;YEARS;OUTPUT_DIRECTORY;INSTALL_DESTINATION"
                        "KINDS;FORMATS;EXTENSIONS;SOURCES;LIBRARIES" ${ARGN})
  foreach(required ID VERSION KINDS SOURCES)
    if(NOT P_${required})
      message(FATAL_ERROR "nianbao_add_plugin(${target}): ${required} is required")
    endif()
  endforeach()
  if(NOT P_OUTPUT_DIRECTORY)
    set(P_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()

  add_library(${target} MODULE ${P_SOURCES})
  # Every plugin of the build, for targets that load them all (the fuzz targets of the importers).
  set_property(GLOBAL APPEND PROPERTY NIANBAO_PLUGIN_TARGETS ${target})
  target_link_libraries(${target} PRIVATE Nianbao::sdk ${P_LIBRARIES})
  # The one source of the plugin's identity: NIANBAO_DECLARE_PLUGIN() reads these, the manifest
  # below writes the same values.
  target_compile_definitions(${target} PRIVATE NIANBAO_PLUGIN_ID="${P_ID}"
                                               NIANBAO_PLUGIN_VERSION="${P_VERSION}")
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${P_ID}
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    # libnianbao is already loaded by the host when a plugin is opened: no search path needed.
    INSTALL_RPATH "")

  set(kinds "")
  foreach(k IN LISTS P_KINDS)
    list(APPEND kinds "\"${k}\"")
  endforeach()
  list(JOIN kinds ", " kinds)
  set(formats "")
  foreach(f IN LISTS P_FORMATS)
    list(APPEND formats "\"${f}\"")
  endforeach()
  list(JOIN formats ", " formats)
  set(extensions_line "")
  if(P_EXTENSIONS)
    set(extensions "")
    foreach(e IN LISTS P_EXTENSIONS)
      list(APPEND extensions "\"${e}\"")
    endforeach()
    list(JOIN extensions ", " extensions)
    set(extensions_line ",\n  \"extensions\": [${extensions}]")
  endif()
  string(REPLACE "\\" "\\\\" description "${P_DESCRIPTION}")
  string(REPLACE "\"" "\\\"" description "${description}")
  if(NOT DEFINED NIANBAO_ABI_VERSION)
    message(FATAL_ERROR "nianbao_add_plugin: NIANBAO_ABI_VERSION is not set (use find_package(Nianbao))")
  endif()
  set(manifest ${P_OUTPUT_DIRECTORY}/${P_ID}.nianbao-plugin.json)
  file(GENERATE OUTPUT ${manifest} CONTENT "{
  \"schema\": \"nianbao.plugin/1\",
  \"id\": \"${P_ID}\",
  \"version\": \"${P_VERSION}\",
  \"abi\": ${NIANBAO_ABI_VERSION},
  \"description\": \"${description}\",
  \"library\": \"$<TARGET_FILE_NAME:${target}>\",
  \"kinds\": [${kinds}],
  \"formats\": [${formats}],
  \"years\": \"${P_YEARS}\"${extensions_line}
}
")
  if(P_INSTALL_DESTINATION)
    install(TARGETS ${target} LIBRARY DESTINATION ${P_INSTALL_DESTINATION})
    install(FILES ${manifest} DESTINATION ${P_INSTALL_DESTINATION})
  endif()
endfunction()

# nianbao_embed_text(<target> SYMBOL <name> FILE <path>)
#
# Compiles the text of <path> into <target> as `extern const std::string_view <name>;`, so a
# plugin can ship data (a format definition) inside its shared object. Re-runs CMake when the
# file changes.
function(nianbao_embed_text target)
  cmake_parse_arguments(E "" "SYMBOL;FILE" "" ${ARGN})
  get_filename_component(file "${E_FILE}" ABSOLUTE)
  file(READ "${file}" content)
  string(FIND "${content}" ")nianbao_embed\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "nianbao_embed_text: ${file} contains the raw-string delimiter")
  endif()
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${E_SYMBOL}.embed.cpp")
  file(WRITE "${out}.tmp" "// Generated from ${file} by nianbao_embed_text(); do not edit.
#include <string_view>
extern const std::string_view ${E_SYMBOL};
const std::string_view ${E_SYMBOL} = R\"nianbao_embed(${content})nianbao_embed\";
")
  configure_file("${out}.tmp" "${out}" COPYONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
