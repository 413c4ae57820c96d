#pragma once

#include <QColor>
#include <QPalette>
#include <QPen>

// Colours and pens the charts and banners share, so every view tints and dashes alike on light and dark themes.
namespace ChartStyle {

// `tint` mixed into `base` by `amount` (0 = base, 1 = tint).
inline QColor blend(const QColor &base, const QColor &tint, double amount)
{
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + tint.redF() * amount),
                            float(base.greenF() * (1 - amount) + tint.greenF() * amount),
                            float(base.blueF() * (1 - amount) + tint.blueF() * amount));
}

inline bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// Threshold lines: dashed, so they never read as data.
inline QPen dashedPen(const QColor &color)
{
    QPen pen(color, 1.5);
    pen.setDashPattern({ 4, 3 });
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

} // namespace ChartStyle
