# qonvex_appmodels: the data-facing app logic without widgets — the live task list model and
# task actions, the signed-in identity, and the function console. Depends on convexclient
# only. Included from app/CMakeLists.txt; paths are relative to app/.
add_library(qonvex_appmodels STATIC
  tasks/taskrow.cpp tasks/taskrow.h
  tasks/tasklistdiff.cpp tasks/tasklistdiff.h
  tasks/tasksmodel.cpp tasks/tasksmodel.h
  tasks/taskscontroller.cpp tasks/taskscontroller.h
)
target_include_directories(qonvex_appmodels PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(qonvex_appmodels PUBLIC convexclient Qt6::Core)
target_sources(qonvex_appmodels PRIVATE
  identity/identitymodel.cpp identity/identitymodel.h
  console/functionconsolecontroller.cpp console/functionconsolecontroller.h
)
