#include "infobanner.h"
#include "chartstyle.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

InfoBanner::InfoBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("infoBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Notice"));

    auto *layout = new QHBoxLayout(this);
    const int margin = fontMetrics().height() / 2;
    layout->setContentsMargins(margin, margin / 2, margin / 2, margin / 2);
    m_icon = new QLabel(this);
    m_icon->setAlignment(Qt::AlignTop);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    layout->addWidget(m_text, 1);
    m_buttons = new QHBoxLayout;
    m_buttons->setSpacing(margin / 2);
    layout->addLayout(m_buttons);
    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("bannerClose"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Hide this notice"));
    m_close->setAccessibleName(tr("Hide this notice"));
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    layout->addWidget(m_close, 0, Qt::AlignTop);
    m_close->hide();
    updateColours();
}

void InfoBanner::setLevel(Level level)
{
    m_level = level;
    updateColours();
}

void InfoBanner::setText(const QString &text)
{
    m_text->setText(text);
    setAccessibleDescription(text);
}

QString InfoBanner::text() const
{
    return m_text->text();
}

void InfoBanner::setActions(const QList<QAction *> &actions)
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (QAction *action : actions) {
        auto *button = new QPushButton(action->icon(), action->text(), this);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        button->setToolTip(action->toolTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        m_buttons->addWidget(button, 0, Qt::AlignVCenter);
    }
}

void InfoBanner::setClosable(bool closable)
{
    m_close->setVisible(closable);
}

void InfoBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_updating)
        updateColours();
}

void InfoBanner::updateColours()
{
    // Setting the palette sends a PaletteChange of our own: don't recurse, but do follow the theme's changes.
    m_updating = true;
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    const bool dark = base.color(QPalette::Window).lightness() < 128;
    QColor hue;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (m_level) {
    case Level::Information:
        hue = base.color(QPalette::Highlight);
        break;
    case Level::Warning:
        hue = QColor(0xf5, 0x9e, 0x0b);
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Level::Error:
        hue = QColor(0xdc, 0x26, 0x26);
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    QPalette p = base;
    p.setColor(QPalette::Window, ChartStyle::blend(base.color(QPalette::Window), hue, dark ? 0.28 : 0.16));
    p.setColor(QPalette::WindowText, base.color(QPalette::WindowText));
    setPalette(p);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    m_updating = false;
}
