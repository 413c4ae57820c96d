#include "settingsfield.h"

#include <QApplication>
#include <QFormLayout>
#include <QPalette>
#include <QVBoxLayout>

namespace {

// Readable on light and dark palettes: the role colours are mixed towards the text colour's opposite.
QColor tone(const QWidget *widget, bool ok)
{
    const bool dark = widget->palette().color(QPalette::Window).lightness() < 128;
    if (ok)
        return dark ? QColor(0x7c, 0xd9, 0x8c) : QColor(0x1b, 0x6e, 0x2e);
    return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

void colour(QLabel *label, const QColor &colour)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, colour);
    label->setPalette(p);
}

} // namespace

namespace SettingsField {

QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &help)
{
    auto *cell = new QWidget(form->parentWidget());
    auto *box = new QVBoxLayout(cell);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(2);
    box->addWidget(field);
    auto *message = new QLabel(cell);
    message->setObjectName(field->objectName() + QLatin1String("Problem"));
    message->setTextFormat(Qt::PlainText);
    message->setWordWrap(true);
    message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message->setFocusPolicy(Qt::NoFocus);
    message->hide();
    colour(message, tone(field, false));
    box->addWidget(message);
    if (!help.isEmpty())
        box->addWidget(createNote(help, cell));
    auto *caption = new QLabel(label, form->parentWidget());
    caption->setBuddy(field);
    form->addRow(caption, cell);
    if (field->accessibleName().isEmpty())
        field->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    return message;
}

void setProblem(QWidget *field, QLabel *message, const QString &problem)
{
    if (problem.isEmpty()) {
        message->clear();
        message->hide();
        field->setAccessibleDescription(QString());
        return;
    }
    // The sign says "problem" to those who cannot tell red from green.
    message->setText(QStringLiteral("⚠ ") + problem);
    message->setAccessibleName(problem);
    message->show();
    field->setAccessibleDescription(problem);
}

QLabel *createResultLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setMinimumWidth(200);
    return label;
}

void setResult(QLabel *label, bool ok, const QString &text)
{
    label->setText((ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + text);
    label->setAccessibleName(text);
    colour(label, tone(label, ok));
}

void setNote(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setAccessibleName(text);
    label->setPalette(QPalette());
    colour(label, label->palette().color(QPalette::PlaceholderText));
}

QLabel *createNote(const QString &text, QWidget *parent)
{
    auto *note = new QLabel(text, parent);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    QFont font = note->font();
    font.setPointSizeF(font.pointSizeF() * 0.92);
    note->setFont(font);
    colour(note, note->palette().color(QPalette::PlaceholderText));
    return note;
}

} // namespace SettingsField
