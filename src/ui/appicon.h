#pragma once

#include <QIcon>

// The OpsDeck icon from the resources: the SVG where Qt's SVG icon engine is installed, else the PNG renders of
// it (Debian's Qt does not pull in qt6-svg by default).
QIcon appIcon();
