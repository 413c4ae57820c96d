#include "alertnotifier.h"

// Out of line: the interface's vtable lives in one object file.
Notifier::~Notifier() = default;
