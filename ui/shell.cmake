# The desktop app shell, part 2 (widgets): main window, welcome screen, settings dialog,
# status bar/banner/tray and their icons (painted in code: status/statusicons.cpp). Included from ui/CMakeLists.txt; paths
# are relative to ui/.
add_library(qonvex_shell_ui STATIC
  mainwindow/mainwindow.cpp mainwindow/mainwindow.h
  mainwindow/signinpage.cpp mainwindow/signinpage.h
  mainwindow/workspace.cpp mainwindow/workspace.h
  mainwindow/accountbutton.cpp mainwindow/accountbutton.h
  mainwindow/firstdataprobe.cpp mainwindow/firstdataprobe.h
  welcome/welcomepage.cpp welcome/welcomepage.h
  settings/settingsdialog.cpp settings/settingsdialog.h
  status/statusbanner.cpp status/statusbanner.h
  status/statusindicators.cpp status/statusindicators.h
  status/elidedlabel.cpp status/elidedlabel.h
  status/statustrayicon.cpp status/statustrayicon.h
  status/statusicons.cpp status/statusicons.h
  style/shellstyle.cpp style/shellstyle.h)
target_include_directories(qonvex_shell_ui PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(qonvex_shell_ui PUBLIC qonvex_shell_core qonvex_signin qonvex_ui_style Qt6::Widgets)

# The task list, function console and identity come from ui/tasks, ui/console and
# app/identity when those targets exist; checked at the end of configuration because those
# folders may be added after this file.
function(qonvex_shell_link_optional)
  foreach(pair "qonvex_ui_tasks;QONVEX_HAVE_TASKS" "qonvex_ui_console;QONVEX_HAVE_CONSOLE"
               "qonvex_identity;QONVEX_HAVE_IDENTITY")
    list(GET pair 0 target)
    list(GET pair 1 define)
    if(TARGET ${target})
      target_link_libraries(qonvex_shell_ui PUBLIC ${target})
      target_compile_definitions(qonvex_shell_ui PUBLIC ${define})
    endif()
  endforeach()
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL qonvex_shell_link_optional)
