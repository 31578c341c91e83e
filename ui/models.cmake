# qonvex_ui_models: the task list, function console and identity widgets (on top of
# qonvex_appmodels). Included from ui/CMakeLists.txt; paths are relative to ui/.
# The names qonvex_ui_tasks, qonvex_ui_console and qonvex_identity are what the shell
# (ui/shell.cmake) looks for; they all bring in this one library.
add_library(qonvex_ui_models STATIC
  tasks/taskswidget.cpp tasks/taskswidget.h
  tasks/taskitemdelegate.cpp tasks/taskitemdelegate.h
  tasks/inlineerror.cpp tasks/inlineerror.h
  console/functionconsolewidget.cpp console/functionconsolewidget.h
  identity/identitybadge.cpp identity/identitybadge.h
)
target_include_directories(qonvex_ui_models PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(qonvex_ui_models PUBLIC qonvex_appmodels qonvex_ui_style Qt6::Widgets)
foreach(alias qonvex_ui_tasks qonvex_ui_console qonvex_identity)
  add_library(${alias} INTERFACE)
  target_link_libraries(${alias} INTERFACE qonvex_ui_models)
endforeach()
