#pragma once

#include <QLabel>
#include <QString>

class QFormLayout;
class QWidget;

// Pieces the Settings dialog's pages share: a form row with the problem written under its field, and the label
// that shows a connection test's answer. A problem is shown as text with a sign in front, never by colour alone,
// and is also the field's accessible description, so a screen reader says why a value is refused.
namespace SettingsField {

// Adds "label: field" to the form with an (initially hidden) message label under the field; returns that label.
// The label is the field's buddy, so its mnemonic focuses the field.
QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &help = QString());

// Shows (or, for an empty problem, hides) the message under a field.
void setProblem(QWidget *field, QLabel *message, const QString &problem);

// A label for a test's answer: "✔ …" in green, "✖ …" in red, or a neutral note.
QLabel *createResultLabel(QWidget *parent, const QString &objectName);
void setResult(QLabel *label, bool ok, const QString &text);
void setNote(QLabel *label, const QString &text);

// A small word-wrapped note in a muted colour.
QLabel *createNote(const QString &text, QWidget *parent);

} // namespace SettingsField
