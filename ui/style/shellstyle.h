// SPDX-License-Identifier: MIT
#pragma once
// The application's style: whatever style Qt picked (platform default, -style, QT_STYLE_OVERRIDE),
// with the menu bar's and tool bars' overflow ("extension") arrows drawn in code. Qt's common
// style reads those arrows from PNG resources through QImageReader, which loads and probes every
// image format plugin (and with the SVG one, Qt's SVG module) while the main window is built,
// about 0.5 MB of a start-up that needs none of them.

#include <QProxyStyle>

namespace qonvex::ui {

class ShellStyle final : public QProxyStyle {
    Q_OBJECT
public:
    //! Wraps a new instance of the style named \a baseStyleName (QStyle::name()).
    explicit ShellStyle(const QString &baseStyleName);

    QIcon standardIcon(StandardPixmap standardIcon, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;

    //! Installs a ShellStyle around the application's current style (QApplication::setStyle).
    static void install();
};

} // namespace qonvex::ui
