#pragma once

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QToolButton;

// A strip above a view that tells the user something about it and offers the way forward — KMessageWidget's
// idea in a few lines: an icon, a message (wrapped, selectable) and buttons for actions. Used for the first-start
// hint ("add a cloud account"), a source that keeps failing ("…token rejected — Open Settings") and, without a
// tray, the alerts.
//
// Colours come from the palette (mixed from Highlight or a warning/error hue with Base), so the banner reads on
// light and dark themes alike; the level is also spoken (accessible description), not shown by colour alone.
class InfoBanner final : public QFrame
{
    Q_OBJECT
public:
    enum class Level { Information, Warning, Error };

    explicit InfoBanner(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(InfoBanner)

    void setLevel(Level level);
    Level level() const { return m_level; }
    void setText(const QString &text);
    QString text() const;
    // Replaces the action buttons (shown in order, right of the text). The actions stay owned by the caller.
    void setActions(const QList<QAction *> &actions);
    // Whether the banner has a close button; closing hides it and emits closed().
    void setClosable(bool closable);

Q_SIGNALS:
    void closed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColours();

    Level m_level = Level::Information;
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QHBoxLayout *m_buttons = nullptr;
    QToolButton *m_close = nullptr;
    bool m_updating = false;
};
