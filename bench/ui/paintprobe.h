#pragma once

#include <QEvent>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <ctime>
#include <functional>

// Monotonic nanoseconds, comparable between processes on the same machine.
inline qint64 monotonicNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// CPU time of the calling thread in nanoseconds: what a step cost the GUI thread, whatever else the machine runs.
inline qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Watches a widget for the first paint that satisfies `ready` and reports when that frame is done.
//
// An event filter sees a Paint event before the widget handles it, and the frame is flushed to the window
// only after every dirty widget has painted; so the time taken is that of the next turn of the event loop
// (a zero timer posted from the filter), which is when the frame containing the paint has been painted and
// flushed. No hook in the product is needed.
class PaintProbe final : public QObject
{
public:
    PaintProbe(QWidget *widget, std::function<bool()> ready, std::function<void(qint64 ns)> done,
               QObject *parent = nullptr)
        : QObject(parent)
        , m_widget(widget)
        , m_ready(std::move(ready))
        , m_done(std::move(done))
    {
        widget->installEventFilter(this);
    }
    ~PaintProbe() override
    {
        if (m_widget)
            m_widget->removeEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_fired && watched == m_widget && event->type() == QEvent::Paint && m_ready()) {
            m_fired = true;
            QTimer::singleShot(0, this, [this] { m_done(monotonicNs()); });
        }
        return false;
    }

private:
    QPointer<QWidget> m_widget;
    std::function<bool()> m_ready;
    std::function<void(qint64)> m_done;
    bool m_fired = false;
};
