# schemac_antlr_parser(TARGET <lib> NAMESPACE <ns> GRAMMARS <lexer.g4> <parser.g4>)
#
# Generates C++ lexer/parser/visitor sources from the grammars at build time with Debian's antlr4
# tool (4.7.2, which works with the 4.9 runtime) and builds them into a static library.
# Generated code is compiled without warnings and with -fno-char8_t (it does not build under
# C++20's char8_t otherwise). The runtime's CMake target carries no include directory, so we add
# ANTLR4_INCLUDE_DIR as a SYSTEM include here, once.
if(NOT TARGET schemac_antlr_runtime)
  add_library(schemac_antlr_runtime INTERFACE)
  target_link_libraries(schemac_antlr_runtime INTERFACE antlr4_shared)
  target_include_directories(schemac_antlr_runtime SYSTEM INTERFACE ${ANTLR4_INCLUDE_DIR})
  target_compile_options(schemac_antlr_runtime INTERFACE -fno-char8_t)
endif()

function(schemac_antlr_parser)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE" "GRAMMARS" ${ARGN})
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_generated)
  set(outputs)
  set(inputs)
  foreach(grammar ${ARG_GRAMMARS})
    get_filename_component(stem ${grammar} NAME_WE)
    list(APPEND inputs ${CMAKE_CURRENT_SOURCE_DIR}/${grammar})
    if(stem MATCHES "Lexer$")
      list(APPEND outputs ${out_dir}/${stem}.cpp ${out_dir}/${stem}.h)
    else()
      list(APPEND outputs ${out_dir}/${stem}.cpp ${out_dir}/${stem}.h
                          ${out_dir}/${stem}Visitor.cpp ${out_dir}/${stem}Visitor.h
                          ${out_dir}/${stem}BaseVisitor.cpp ${out_dir}/${stem}BaseVisitor.h)
    endif()
  endforeach()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${out_dir}
    COMMAND ${ANTLR4_TOOL} -Dlanguage=Cpp -visitor -no-listener -Werror -Xexact-output-dir
            -o ${out_dir} -lib ${out_dir} -package ${ARG_NAMESPACE} ${inputs}
    DEPENDS ${inputs}
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    COMMENT "Generating ANTLR parser ${ARG_TARGET}"
    VERBATIM)
  add_library(${ARG_TARGET} STATIC ${outputs})
  target_include_directories(${ARG_TARGET} SYSTEM PUBLIC ${out_dir})
  target_link_libraries(${ARG_TARGET} PUBLIC schemac_antlr_runtime)
  target_compile_options(${ARG_TARGET} PRIVATE -w)
  set_target_properties(${ARG_TARGET} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
