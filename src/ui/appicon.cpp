#include "appicon.h"

#include <QImageReader>

QIcon appIcon()
{
    if (QImageReader::supportedImageFormats().contains("svg"))
        return QIcon(QStringLiteral(":/icons/opsdeck.svg"));
    QIcon icon;
    for (const int size : { 16, 32, 48, 64, 128, 256 })
        icon.addFile(QStringLiteral(":/icons/opsdeck-%1.png").arg(size), QSize(size, size));
    return icon;
}
