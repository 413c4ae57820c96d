#pragma once

#include <QLabel>

// A one-line label that ends in "…" when its text does not fit, with the whole text as its tooltip.
class ElidedLabel final : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ElidedLabel)

    void setFullText(const QString &text);
    QString fullText() const { return m_text; }

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_text;
};
