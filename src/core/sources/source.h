#pragma once

#include "collection.h"
#include "sourcecontext.h"

#include <QString>

// A provider of resources and samples (the local machine, DigitalOcean, Prometheus, node_exporter).
// collect() runs on the sync worker thread and may block; it never touches the database — the engine does.
class Source
{
public:
    Source(QString name, QString type) : m_name(std::move(name)), m_type(std::move(type)) { }
    virtual ~Source() = default;
    Q_DISABLE_COPY_MOVE(Source)

    QString name() const { return m_name; }
    QString type() const { return m_type; }

    // Fills `out`; on failure returns false with a message that names the cause and the fix.
    virtual bool collect(SourceContext &context, Collection &out, QString *error) = 0;

private:
    QString m_name;
    QString m_type;
};
