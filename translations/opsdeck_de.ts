<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AlertRuleSet</name>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="278"/>
        <location filename="../src/core/alerts/alertrule.cpp" line="216"/>
        <source>%1 defaults</source>
        <translation>Standardwerte für %1</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="75"/>
        <source>%1 (the default)</source>
        <translation>%1 (der Standardwert)</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="88"/>
        <source>%1: %2 %3 is outside 0–100; thresholds and margins are percent</source>
        <translation>%1: %2 %3 liegt außerhalb von 0–100; Schwellenwerte und Hysterese sind Prozentwerte</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="97"/>
        <source>%1: for %2 s is negative; use 0 to fire on the first sample at or above the threshold</source>
        <translation>%1: Mindestdauer %2 s ist negativ; 0 löst beim ersten Messwert auf oder über dem Schwellenwert aus</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="104"/>
        <source>%1: warning %2 is above critical %3; the warning level must not exceed the critical level</source>
        <translation>%1: Warnung %2 liegt über kritisch %3; die Warnstufe darf die kritische Stufe nicht übersteigen</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="108"/>
        <source>%1: clear_margin %2 is not below warning %3, so an alert could never resolve; lower the clear margin</source>
        <translation>%1: Hysterese %2 liegt nicht unter Warnung %3, ein Alarm könnte also nie behoben werden; verringern Sie die Hysterese</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="153"/>
        <source>%1 override for %2 &quot;%3&quot;</source>
        <translation>%1-Überschreibung für %2 „%3“</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="223"/>
        <source>%1: the %2 is empty; name one or remove the override</source>
        <translation>%1: %2 ist leer; geben Sie einen Wert an oder entfernen Sie die Überschreibung</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="225"/>
        <source>%1: unknown kind; allowed: %2</source>
        <translation>%1: unbekannter Typ; erlaubt: %2</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="227"/>
        <source>%1 is given twice; keep one</source>
        <translation>%1 ist doppelt angegeben; behalten Sie eine</translation>
    </message>
    <message>
        <location filename="../src/core/alerts/alertrule.cpp" line="230"/>
        <source>%1 sets nothing; set warning, critical, for or clear_margin, or remove it</source>
        <translation>%1 setzt nichts; setzen Sie Warnung, kritisch, Mindestdauer oder Hysterese, oder entfernen Sie sie</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="28"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="92"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="95"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="98"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="99"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="102"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/alertsmodel.cpp" line="102"/>
        <source>%n days</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="103"/>
        <source>%1 %2 h</source>
        <translation>%1 %2 h</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="110"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="112"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="114"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="122"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="124"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="156"/>
        <source>acknowledged</source>
        <translation>quittiert</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="162"/>
        <location filename="../src/ui/alertsmodel.cpp" line="166"/>
        <source>snoozed until %1</source>
        <translation>stummgeschaltet bis %1</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="164"/>
        <source>snoozed until tomorrow %1</source>
        <translation>stummgeschaltet bis morgen %1</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="185"/>
        <source>#%1 (removed)</source>
        <translation>#%1 (entfernt)</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="191"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="195"/>
        <source>≥ %1 %</source>
        <translation>≥ %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="197"/>
        <source>for %1</source>
        <translation>seit %1</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="203"/>
        <source>still firing</source>
        <translation>noch aktiv</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="218"/>
        <source>source %1</source>
        <translation>Quelle %1</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="220"/>
        <source>This resource is no longer in the cache</source>
        <translation>Diese Ressource ist nicht mehr im Cache</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="221"/>
        <source>%1
Double-click to show it in the fleet</source>
        <translation>%1
Doppelklicken, um sie unter „Ressourcen“ anzuzeigen</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="225"/>
        <source>No value of this metric is stored for the resource</source>
        <translation>Für die Ressource ist kein Wert dieser Metrik gespeichert</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="226"/>
        <source>The newest sample, %1 (%2)</source>
        <translation>Der neueste Messwert, %1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="229"/>
        <source>The highest sample while the alert fired; %1 when it last changed level</source>
        <translation>Der höchste Messwert, während der Alarm aktiv war; %1 beim letzten Wechsel der Stufe</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="237"/>
        <source>Acknowledged: no more notifications of this alert unless it gets worse. It ends once the alert has stayed resolved for an hour.</source>
        <translation>Quittiert: keine weiteren Benachrichtigungen zu diesem Alarm, es sei denn, er verschärft sich. Die Quittierung endet, sobald der Alarm eine Stunde lang behoben geblieben ist.</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="240"/>
        <source>No notifications about this resource until %1</source>
        <translation>Keine Benachrichtigungen zu dieser Ressource bis %1</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="323"/>
        <source>The resource&apos;s newest value of the metric</source>
        <translation>Der neueste Wert der Metrik für die Ressource</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="325"/>
        <source>The highest sample while the alert fired</source>
        <translation>Der höchste Messwert, während der Alarm aktiv war</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="327"/>
        <source>The threshold of the alert&apos;s level; it resolves once the value falls below it by the clear margin</source>
        <translation>Der Schwellenwert der Alarmstufe; der Alarm ist behoben, sobald der Wert um die Hysterese darunter fällt</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="337"/>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="339"/>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="341"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="343"/>
        <source>Now</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="345"/>
        <source>Peak</source>
        <translation>Höchstwert</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="347"/>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="349"/>
        <source>Firing</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="351"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="353"/>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="355"/>
        <source>Resolved</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <location filename="../src/ui/alertsmodel.cpp" line="357"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="130"/>
        <location filename="../src/ui/alertspanel.cpp" line="310"/>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="137"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Quittieren</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="138"/>
        <source>No more notifications of the selected alerts unless they get worse</source>
        <translation>Keine weiteren Benachrichtigungen zu den ausgewählten Alarmen, es sei denn, sie verschärfen sich</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="141"/>
        <location filename="../src/ui/alertspanel.cpp" line="168"/>
        <source>&amp;Snooze resource</source>
        <translation>Ressource &amp;stummschalten</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="144"/>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="147"/>
        <source>For 4 hours</source>
        <translation>Für 4 Stunden</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="150"/>
        <source>Until tomorrow %1</source>
        <translation>Bis morgen %1</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="154"/>
        <source>&amp;Unsnooze</source>
        <translation>Stummschaltung &amp;aufheben</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="155"/>
        <source>Notify about the selected resources again</source>
        <translation>Wieder über die ausgewählten Ressourcen benachrichtigen</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="158"/>
        <source>&amp;Go to resource</source>
        <translation>&amp;Zur Ressource wechseln</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="172"/>
        <source>No notifications about the selected resources for a while</source>
        <translation>Eine Zeit lang keine Benachrichtigungen zu den ausgewählten Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="176"/>
        <source>Alerts firing now</source>
        <translation>Aktuell aktive Alarme</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="178"/>
        <source>No alerts firing.</source>
        <translation>Keine aktiven Alarme.</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="186"/>
        <source>Thresholds in force</source>
        <translation>Geltende Schwellenwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="202"/>
        <source>Firing now</source>
        <translation>Jetzt aktiv</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="217"/>
        <source>Alert history</source>
        <translation>Alarmverlauf</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="222"/>
        <source>Resource, metric or level</source>
        <translation>Ressource, Metrik oder Stufe</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="223"/>
        <source>Filter the alert history</source>
        <translation>Alarmverlauf filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="225"/>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="230"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="310"/>
        <source>Alerts (%1)</source>
        <translation>Alarme (%1)</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="324"/>
        <source>Thresholds in force:</source>
        <translation>Geltende Schwellenwerte:</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="327"/>
        <source>%1: warning at %2 %, critical at %3 %</source>
        <translation>%1: Warnung ab %2 %, kritisch ab %3 %</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="331"/>
        <source>An alert fires once a value has stayed above its threshold for %1, and resolves when it falls %2 points below it.</source>
        <translation>Ein Alarm wird ausgelöst, wenn ein Wert %1 lang über seinem Schwellenwert geblieben ist, und ist behoben, sobald er %2 Prozentpunkte darunter fällt.</translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="334"/>
        <source>An alert fires as soon as a value reaches its threshold, and resolves when it falls %1 points below it.</source>
        <translation>Ein Alarm wird ausgelöst, sobald ein Wert seinen Schwellenwert erreicht, und ist behoben, sobald er %1 Prozentpunkte darunter fällt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/alertspanel.cpp" line="338"/>
        <source>%n override(s) for particular resources, tags or kinds.</source>
        <translation>
            <numerusform>%n Überschreibung für bestimmte Ressourcen, Tags oder Typen.</numerusform>
            <numerusform>%n Überschreibungen für bestimmte Ressourcen, Tags oder Typen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/alertspanel.cpp" line="432"/>
        <source>Could not read the alerts from the cache: %1</source>
        <translation>Die Alarme konnten nicht aus dem Cache gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>DetailDialog</name>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="45"/>
        <source>%1 · %2 — raw samples</source>
        <translation>%1 · %2 – Rohwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="53"/>
        <source>%1 from %2 to %3: reading…</source>
        <translation>%1 von %2 bis %3: wird gelesen …</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="62"/>
        <location filename="../src/ui/detaildialog.cpp" line="163"/>
        <source>Time (local)</source>
        <translation>Zeit (lokal)</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="62"/>
        <location filename="../src/ui/detaildialog.cpp" line="163"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="62"/>
        <location filename="../src/ui/detaildialog.cpp" line="163"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="67"/>
        <source>Raw samples</source>
        <translation>Rohwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="81"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="83"/>
        <source>Copy the samples to the clipboard, tab-separated, for a spreadsheet</source>
        <translation>Die Messwerte tabulatorgetrennt für eine Tabellenkalkulation in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="84"/>
        <source>&amp;Export CSV…</source>
        <translation>Als CSV &amp;exportieren …</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="110"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="112"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="114"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="123"/>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="125"/>
        <source>Cannot read the samples from %1: %2</source>
        <translation>Die Messwerte von %1 können nicht gelesen werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/detaildialog.cpp" line="128"/>
        <source>%1 of %2 from %3: %n sample(s)</source>
        <translation>
            <numerusform>%1 von %2, %3: %n Messwert</numerusform>
            <numerusform>%1 von %2, %3: %n Messwerte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/detaildialog.cpp" line="134"/>
        <source>Raw samples older than %n day(s) are gone; this point is the hourly summary: min %1, average %2, max %3 over %4 samples.</source>
        <translation>
            <numerusform>Rohwerte, die älter als %n Tag sind, sind gelöscht; dieser Punkt ist die stündliche Zusammenfassung: min. %1, Mittel %2, max. %3 aus %4 Messwerten.</numerusform>
            <numerusform>Rohwerte, die älter als %n Tage sind, sind gelöscht; dieser Punkt ist die stündliche Zusammenfassung: min. %1, Mittel %2, max. %3 aus %4 Messwerten.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="177"/>
        <location filename="../src/ui/detaildialog.cpp" line="189"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="207"/>
        <source>Export samples</source>
        <translation>Messwerte exportieren</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="208"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/ui/detaildialog.cpp" line="213"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="38"/>
        <location filename="../src/ui/exportdialog.cpp" line="258"/>
        <source>Export CSV report</source>
        <translation>CSV-Bericht exportieren</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="42"/>
        <source>History (samples and thresholds)</source>
        <translation>Verlauf (Messwerte und Schwellenwerte)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="43"/>
        <source>Resources (latest values)</source>
        <translation>Ressourcen (neueste Werte)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="44"/>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="45"/>
        <source>Sync runs</source>
        <translation>Synchronisierungsläufe</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="49"/>
        <source>Every sample</source>
        <translation>Jeder Messwert</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="50"/>
        <source>Hourly (min, avg, max)</source>
        <translation>Stündlich (Min., Mittel, Max.)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="51"/>
        <source>Daily (min, avg, max)</source>
        <translation>Täglich (Min., Mittel, Max.)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="54"/>
        <source>&amp;Report:</source>
        <translation>&amp;Bericht:</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="55"/>
        <source>R&amp;esolution:</source>
        <translation>&amp;Auflösung:</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="57"/>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="60"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="60"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="60"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="60"/>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="72"/>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="73"/>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="74"/>
        <source>&amp;To:</source>
        <translation>B&amp;is:</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="76"/>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="78"/>
        <source>All resources (%1)</source>
        <translation>Alle Ressourcen (%1)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="81"/>
        <source>Selected: %1</source>
        <translation>Ausgewählt: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="82"/>
        <source>Selected resources (%1)</source>
        <translation>Ausgewählte Ressourcen (%1)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="93"/>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="95"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="96"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="97"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="112"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="118"/>
        <source>&amp;Save to:</source>
        <translation>&amp;Speichern unter:</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="134"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="244"/>
        <source>Choose at least one metric.</source>
        <translation>Wählen Sie mindestens eine Metrik aus.</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="246"/>
        <source>The range must end after it starts.</source>
        <translation>Der Zeitraum muss nach seinem Beginn enden.</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="248"/>
        <source>Choose a file to save to.</source>
        <translation>Wählen Sie eine Datei zum Speichern aus.</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="259"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="277"/>
        <source>Counting rows…</source>
        <translation>Zeilen werden gezählt…</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="288"/>
        <source>Exporting… %1 of %2 rows</source>
        <translation>Export läuft… %1 von %2 Zeilen</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="291"/>
        <source>Exporting… %1 rows</source>
        <translation>Export läuft… %1 Zeilen</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="303"/>
        <source>Wrote %1 rows (%2) in %3 s to %4</source>
        <translation>%1 Zeilen (%2) in %3 s nach %4 geschrieben</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="311"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="314"/>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="323"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="323"/>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <location filename="../src/ui/exportdialog.cpp" line="333"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>FleetTableModel</name>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="51"/>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="52"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="204"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="210"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="212"/>
        <source>Droplet</source>
        <translation>Droplet</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="214"/>
        <location filename="../src/ui/mainwindow.cpp" line="382"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="216"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="248"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="275"/>
        <location filename="../src/ui/fleettablemodel.cpp" line="280"/>
        <source>No readings yet</source>
        <translation>Noch keine Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="279"/>
        <source>Stale: updated %1</source>
        <translation>Veraltet: aktualisiert %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/fleettablemodel.cpp" line="285"/>
        <source>%n vCPU</source>
        <translation>
            <numerusform>%n vCPU</numerusform>
            <numerusform>%n vCPUs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="287"/>
        <source>%1 memory</source>
        <translation>%1 Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="289"/>
        <source>%1 disk</source>
        <translation>%1 Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="293"/>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="300"/>
        <source>Critical: at or above %1 %</source>
        <translation>Kritisch: ab %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="303"/>
        <source>Warning: at or above %1 %</source>
        <translation>Warnung: ab %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="358"/>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="360"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="362"/>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="390"/>
        <source>Latest reading; warning at %1 %, critical at %2 % unless a resource has its own thresholds</source>
        <translation>Neuester Messwert; Warnung ab %1 %, kritisch ab %2 %, sofern eine Ressource keine eigenen Schwellenwerte hat</translation>
    </message>
    <message>
        <source>Latest reading; warning at %1 %, critical at %2 %</source>
        <translation type="vanished">Letzter Messwert; Warnung ab %1 %, kritisch ab %2 %</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="394"/>
        <source>Age of the newest reading</source>
        <translation>Alter des neuesten Messwerts</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="401"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="403"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="405"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="407"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="409"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="411"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="413"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="415"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/fleettablemodel.cpp" line="417"/>
        <source>Last updated</source>
        <translation>Aktualisiert</translation>
    </message>
</context>
<context>
    <name>InfoBanner</name>
    <message>
        <location filename="../src/ui/infobanner.cpp" line="28"/>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location filename="../src/ui/infobanner.cpp" line="50"/>
        <location filename="../src/ui/infobanner.cpp" line="51"/>
        <source>Hide this notice</source>
        <translation>Diesen Hinweis ausblenden</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="83"/>
        <source>OpsDeck</source>
        <translation>OpsDeck</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="234"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="237"/>
        <source>Sync all enabled sources now (Ctrl+R, F5)</source>
        <translation>Alle aktivierten Quellen jetzt synchronisieren (Strg+R, F5)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="242"/>
        <source>Thresholds…</source>
        <translation>Schwellenwerte…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="245"/>
        <source>Alert thresholds, with a replay of the history (Ctrl+T)</source>
        <translation>Alarmschwellenwerte, mit Simulation über den bisherigen Verlauf (Strg+T)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="250"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="253"/>
        <source>Write resources, history, alerts or the sync log to a CSV file (Ctrl+E)</source>
        <translation>Ressourcen, Verlauf, Alarme oder das Synchronisierungsprotokoll in eine CSV-Datei schreiben (Strg+E)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="258"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="263"/>
        <source>Sources, tokens, intervals and storage (Ctrl+,)</source>
        <translation>Quellen, Tokens, Intervalle und Datenspeicher (Strg+,)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="267"/>
        <source>Add a source…</source>
        <translation>Quelle hinzufügen…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="271"/>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="276"/>
        <source>Filter</source>
        <translation>Filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="285"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="293"/>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="307"/>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="308"/>
        <source>How far back the trend charts reach (Alt+A)</source>
        <translation>Wie weit die Verlaufsdiagramme zurückreichen (Alt+E)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="310"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="310"/>
        <source>Last 6 hours</source>
        <translation>Letzte 6 Stunden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="310"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="310"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="310"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="321"/>
        <source>R&amp;ange:</source>
        <translation>Z&amp;eitraum:</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="333"/>
        <source>Filter resources…</source>
        <translation>Ressourcen filtern…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="334"/>
        <source>Filter resources</source>
        <translation>Ressourcen filtern</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="335"/>
        <source>Show only resources whose name, kind, source, region, status or tags contain every word typed (Ctrl+F)</source>
        <translation>Nur Ressourcen anzeigen, deren Name, Typ, Quelle, Region, Status oder Tags jedes eingegebene Wort enthalten (Strg+F)</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="356"/>
        <source>Fleet</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="357"/>
        <source>Resources with their latest CPU, memory and disk readings</source>
        <translation>Ressourcen mit ihren neuesten Messwerten für CPU, Arbeitsspeicher und Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="442"/>
        <source>OpsDeck is watching this computer (%1). To see your DigitalOcean droplets, databases and apps, or the hosts of a Prometheus server or node_exporter, add a source.</source>
        <translation>OpsDeck überwacht diesen Computer (%1). Um Ihre DigitalOcean-Droplets, -Datenbanken und -Apps oder die Hosts eines Prometheus-Servers oder von node_exporter zu sehen, fügen Sie eine Quelle hinzu.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="445"/>
        <source>No source is enabled yet. Add a source — this computer, a DigitalOcean account, a Prometheus server or node_exporter hosts — to see your fleet here.</source>
        <translation>Noch ist keine Quelle aktiviert. Fügen Sie eine Quelle hinzu — diesen Computer, ein DigitalOcean-Konto, einen Prometheus-Server oder node_exporter-Hosts —, um Ihre Flotte hier zu sehen.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="453"/>
        <source>Source &apos;%1&apos; failed.</source>
        <translation>Quelle „%1“ fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="458"/>
        <source>The last sync failed: %1</source>
        <translation>Die letzte Synchronisierung ist fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/mainwindow.cpp" line="459"/>
        <source>%n sources failed in the last sync:
</source>
        <translation>
            <numerusform>%n Quelle ist bei der letzten Synchronisierung fehlgeschlagen:
</numerusform>
            <numerusform>%n Quellen sind bei der letzten Synchronisierung fehlgeschlagen:
</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="511"/>
        <source>&amp;Trends</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="512"/>
        <source>&amp;Overview</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="513"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="514"/>
        <source>&amp;Performance</source>
        <translation>&amp;Leistung</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="515"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="564"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="615"/>
        <source>Apps report no disk usage</source>
        <translation>Apps melden keine Festplattenbelegung</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="690"/>
        <source>Sync in progress</source>
        <translation>Synchronisierung läuft</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="699"/>
        <source>Sync status</source>
        <translation>Synchronisierungsstatus</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="704"/>
        <source>Last sync error</source>
        <translation>Letzter Synchronisierungsfehler</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="713"/>
        <source>Query cache hit rate</source>
        <translation>Trefferquote des Abfrage-Caches</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="764"/>
        <source>OpsDeck is still running</source>
        <translation>OpsDeck läuft weiter</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="765"/>
        <source>OpsDeck keeps syncing and will tell you about alerts from the tray. Choose Quit in the tray menu (or press Ctrl+Q) to end it.</source>
        <translation>OpsDeck synchronisiert weiter und meldet Alarme über das Symbol im Systembereich. Wählen Sie dort „Beenden“ (oder drücken Sie Strg+Q), um OpsDeck zu beenden.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="821"/>
        <source>Show alerts</source>
        <translation>Alarme anzeigen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="953"/>
        <source>Cannot sync: %1</source>
        <translation>Synchronisierung nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="957"/>
        <source>source &apos;%1&apos; failed</source>
        <translation>Quelle „%1“ fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="958"/>
        <location filename="../src/ui/mainwindow.cpp" line="962"/>
        <source>Last sync failed: %1</source>
        <translation>Letzte Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="970"/>
        <source>Reading the cache…</source>
        <translation>Cache wird gelesen…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="972"/>
        <source>Syncing %1…</source>
        <translation>%1 wird synchronisiert…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="974"/>
        <source>Starting sync…</source>
        <translation>Synchronisierung wird gestartet…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="978"/>
        <source>Last sync %1</source>
        <translation>Zuletzt synchronisiert %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="978"/>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="983"/>
        <source>%1 of %2 resources</source>
        <translation>%1 von %2 Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="985"/>
        <source>1 resource</source>
        <translation>1 Ressource</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/mainwindow.cpp" line="985"/>
        <source>%n resources</source>
        <translation>
            <numerusform>%n Ressource</numerusform>
            <numerusform>%n Ressourcen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="994"/>
        <source>No source is enabled in %1</source>
        <translation>In %1 ist keine Quelle aktiviert</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="996"/>
        <source>Cannot read the cache: %1</source>
        <translation>Cache kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1011"/>
        <source>cache %1 % hits</source>
        <translation>Cache %1 % Treffer</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1023"/>
        <source>OpsDeck cannot read its cache:
%1</source>
        <translation>OpsDeck kann seinen Cache nicht lesen:
%1</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1025"/>
        <source>%1

Check the source in Settings (Ctrl+,), then press Sync now (F5).</source>
        <translation>%1

Prüfen Sie die Quelle in den Einstellungen (Strg+,) und drücken Sie dann „Jetzt synchronisieren“ (F5).</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1027"/>
        <source>No source is enabled, so there is nothing to collect.

Add one in Settings (Ctrl+,); it is saved in %1.</source>
        <translation>Es ist keine Quelle aktiviert, daher gibt es nichts zu erfassen.

Fügen Sie in den Einstellungen (Strg+,) eine hinzu; sie wird in %1 gespeichert.</translation>
    </message>
    <message>
        <source>%1

Check the source settings in %2, then press Sync now (F5).</source>
        <translation type="vanished">%1

Prüfen Sie die Einstellungen der Quellen in %2 und wählen Sie dann „Jetzt synchronisieren“ (F5).</translation>
    </message>
    <message>
        <source>No source is enabled, so there is nothing to collect.

Add a [source.NAME] section to %1 and restart OpsDeck.</source>
        <translation type="vanished">Es ist keine Quelle aktiviert, daher gibt es nichts zu erfassen.

Fügen Sie in %1 einen Abschnitt [source.NAME] hinzu und starten Sie OpsDeck neu.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1034"/>
        <source>Collecting the first readings of this machine…</source>
        <translation>Erste Messwerte dieses Rechners werden erfasst…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1035"/>
        <source>Collecting the first readings from your sources…</source>
        <translation>Erste Messwerte Ihrer Quellen werden erfasst…</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1038"/>
        <source>No resources match “%1”.</source>
        <translation>Keine Ressource passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1045"/>
        <source>The CPU, memory and disk trends of a resource appear here once it has readings.</source>
        <translation>Die Verläufe von CPU, Arbeitsspeicher und Festplatte einer Ressource erscheinen hier, sobald sie Messwerte hat.</translation>
    </message>
    <message>
        <location filename="../src/ui/mainwindow.cpp" line="1047"/>
        <source>Select a resource in the table to see its CPU, memory and disk trends.</source>
        <translation>Wählen Sie eine Ressource in der Tabelle, um ihre Verläufe von CPU, Arbeitsspeicher und Festplatte zu sehen.</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="28"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="30"/>
        <location filename="../src/ui/overviewpanel.cpp" line="152"/>
        <source>No resources yet. Run a sync (opsdeck --sync) or wait for the next one, and the fleet appears here.</source>
        <translation>Noch keine Ressourcen. Starten Sie eine Synchronisierung (opsdeck --sync) oder warten Sie auf die nächste, dann erscheint die Flotte hier.</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="33"/>
        <source>Overview empty</source>
        <translation>Übersicht leer</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="39"/>
        <source>Resources by kind</source>
        <translation>Ressourcen nach Art</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="45"/>
        <source>Resources by status</source>
        <translation>Ressourcen nach Status</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="52"/>
        <location filename="../src/ui/overviewpanel.cpp" line="68"/>
        <source>Top %1 by %2</source>
        <translation>Top %1 nach %2</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="53"/>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="63"/>
        <source>Fleet average %1, last 24 h</source>
        <translation>Flottendurchschnitt %1, letzte 24 h</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="64"/>
        <source>Fleet average %1</source>
        <translation>Flottendurchschnitt %1</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="106"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="108"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="110"/>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="118"/>
        <source>1 host</source>
        <translation>1 Host</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="118"/>
        <source>%n hosts</source>
        <translation>
            <numerusform>%n Host</numerusform>
            <numerusform>%n Hosts</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="120"/>
        <source>1 droplet</source>
        <translation>1 Droplet</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="120"/>
        <source>%n droplets</source>
        <translation>
            <numerusform>%n Droplet</numerusform>
            <numerusform>%n Droplets</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="122"/>
        <source>1 database</source>
        <translation>1 Datenbank</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="122"/>
        <source>%n databases</source>
        <translation>
            <numerusform>%n Datenbank</numerusform>
            <numerusform>%n Datenbanken</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="124"/>
        <source>1 app</source>
        <translation>1 App</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="124"/>
        <source>%n apps</source>
        <translation>
            <numerusform>%n App</numerusform>
            <numerusform>%n Apps</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="125"/>
        <source>%1 %2</source>
        <comment>count and kind</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="147"/>
        <source>The overview could not be read: %1</source>
        <translation>Die Übersicht konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="166"/>
        <source>1 resource</source>
        <translation>1 Ressource</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/overviewpanel.cpp" line="166"/>
        <source>%n resources</source>
        <translation>
            <numerusform>%n Ressource</numerusform>
            <numerusform>%n Ressourcen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="172"/>
        <source>%1 %2</source>
        <comment>count and status</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="173"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../src/ui/overviewpanel.cpp" line="200"/>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
</context>
<context>
    <name>PerformancePanel</name>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="19"/>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="27"/>
        <source>Query timings</source>
        <translation>Abfragezeiten</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="37"/>
        <source>Queries</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="41"/>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="42"/>
        <source>Query cache</source>
        <translation>Abfrage-Cache</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="44"/>
        <source>Hit rate:</source>
        <translation>Trefferquote:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="44"/>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="44"/>
        <source>Entries:</source>
        <translation>Einträge:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="44"/>
        <source>Hits:</source>
        <translation>Treffer:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="45"/>
        <source>Misses:</source>
        <translation>Fehlgriffe:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="45"/>
        <source>Evictions:</source>
        <translation>Verdrängungen:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="45"/>
        <source>Fresh for:</source>
        <translation>Gültig für:</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="52"/>
        <source>How long a result is served from memory before it is read again</source>
        <translation>Wie lange ein Ergebnis aus dem Speicher geliefert wird, bevor es neu gelesen wird</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="53"/>
        <source>Results dropped to stay within the cache&apos;s size</source>
        <translation>Ergebnisse, die verworfen wurden, damit der Cache seine Größe einhält</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="79"/>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="80"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="87"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="88"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="95"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="96"/>
        <source>no reads yet</source>
        <translation>noch keine Abfragen</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="97"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../src/ui/performancepanel.cpp" line="101"/>
        <source>%1 (%2 stale while refreshing)</source>
        <translation>%1 (%2 veraltet während der Aktualisierung)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../src/app/main.cpp" line="47"/>
        <source>OpsDeck cannot start</source>
        <translation>OpsDeck kann nicht starten</translation>
    </message>
    <message>
        <location filename="../src/ui/keyringstore.cpp" line="49"/>
        <source>the system keyring did not answer within %1 s</source>
        <translation>der Systemschlüsselbund hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
</context>
<context>
    <name>QueryStatsModel</name>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="59"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="66"/>
        <source>EXCELLENT</source>
        <translation>SEHR GUT</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="68"/>
        <source>GOOD</source>
        <translation>GUT</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="70"/>
        <source>SLOW</source>
        <translation>LANGSAM</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="72"/>
        <source>CRITICAL</source>
        <translation>KRITISCH</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="82"/>
        <source>%1× baseline</source>
        <translation>%1× Basiswert</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="162"/>
        <source>No baseline yet: it is saved when OpsDeck quits</source>
        <translation>Noch kein Basiswert: er wird beim Beenden von OpsDeck gespeichert</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="163"/>
        <source>Baseline P50: %1</source>
        <translation>Basiswert P50: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="166"/>
        <source>Fastest %1, slowest %2</source>
        <translation>Schnellste %1, langsamste %2</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="203"/>
        <source>Median duration: half of the runs were faster</source>
        <translation>Median der Dauer: die Hälfte der Läufe war schneller</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="205"/>
        <source>95th percentile: the rating is judged on it</source>
        <translation>95. Perzentil: danach richtet sich die Bewertung</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="207"/>
        <source>99th percentile</source>
        <translation>99. Perzentil</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="209"/>
        <source>Runs slower than the slow threshold</source>
        <translation>Läufe über der Schwelle für langsam</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="211"/>
        <source>Runs slower than the critical threshold</source>
        <translation>Läufe über der Schwelle für kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="213"/>
        <source>Median against the median of earlier sessions</source>
        <translation>Median im Vergleich zum Median früherer Sitzungen</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="222"/>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="224"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="226"/>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="228"/>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="230"/>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="232"/>
        <source>Slow</source>
        <translation>Langsam</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="234"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="236"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../src/ui/querystatsmodel.cpp" line="238"/>
        <source>Regression</source>
        <translation>Regression</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <location filename="../src/ui/relativetime.cpp" line="12"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="15"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="17"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/relativetime.cpp" line="20"/>
        <source>1 day ago</source>
        <translation>vor 1 Tag</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/relativetime.cpp" line="20"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayChartView</name>
    <message>
        <location filename="../src/ui/replaychartview.cpp" line="82"/>
        <source>Firing (warning)</source>
        <translation>Aktiv (Warnung)</translation>
    </message>
    <message>
        <location filename="../src/ui/replaychartview.cpp" line="86"/>
        <source>Firing (critical)</source>
        <translation>Aktiv (kritisch)</translation>
    </message>
    <message>
        <location filename="../src/ui/replaychartview.cpp" line="88"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/replaychartview.cpp" line="90"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/replaychartview.cpp" line="92"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../src/ui/replaychartview.cpp" line="178"/>
        <source>Replaying…</source>
        <translation>Simulation läuft…</translation>
    </message>
    <message>
        <location filename="../src/ui/replaychartview.cpp" line="182"/>
        <source>No samples of this metric in the replayed range: nothing to show.</source>
        <translation>Keine Messwerte dieser Metrik im simulierten Zeitraum: nichts anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="56"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="62"/>
        <location filename="../src/ui/settingsdialog.cpp" line="111"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="63"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="64"/>
        <source>Storage</source>
        <translation>Datenspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="117"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="129"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="146"/>
        <source>No sources yet. Add one with Add: this machine, a DigitalOcean account, a Prometheus server or node_exporter hosts.</source>
        <translation>Noch keine Quellen. Fügen Sie mit „Hinzufügen“ eine hinzu: diesen Rechner, ein DigitalOcean-Konto, einen Prometheus-Server oder node_exporter-Hosts.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="191"/>
        <source>30m (the default)</source>
        <translation>30m (Standard)</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="195"/>
        <source>Default &amp;interval:</source>
        <translation>Standard&amp;intervall:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="196"/>
        <source>How often remote sources sync when they have no interval of their own, e.g. 15m or 1h. The local machine syncs every minute unless set. Syncs stay within each provider&apos;s rate limits whatever the interval.</source>
        <translation>Wie oft entfernte Quellen synchronisiert werden, wenn sie kein eigenes Intervall haben, z. B. 15m oder 1h. Der lokale Rechner wird jede Minute synchronisiert, sofern nichts anderes festgelegt ist. Unabhängig vom Intervall halten Synchronisierungen die Ratenlimits jedes Anbieters ein.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="219"/>
        <source>Database &amp;URL:</source>
        <translation>Datenbank-&amp;URL:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="220"/>
        <source>Leave empty for the SQLite file in your data folder. For a cache shared by a team: postgresql://user@host:5432/db — keep the password in ~/.pgpass rather than in the URL, which is stored in the settings file.</source>
        <translation>Leer lassen für die SQLite-Datei in Ihrem Datenordner. Für einen Cache, den ein Team gemeinsam nutzt: postgresql://user@host:5432/db — bewahren Sie das Passwort in ~/.pgpass auf statt in der URL, die in der Einstellungsdatei gespeichert wird.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="224"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="232"/>
        <source>Testing the connection</source>
        <translation>Verbindung wird getestet</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="242"/>
        <source>30 (the default)</source>
        <translation>30 (Standard)</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="245"/>
        <source>&amp;Retention (days):</source>
        <translation>&amp;Aufbewahrung (Tage):</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="246"/>
        <source>How long raw samples are kept. Hourly and daily summaries are kept 400 days, so long charts stay complete.</source>
        <translation>Wie lange Rohwerte aufbewahrt werden. Stündliche und tägliche Zusammenfassungen werden 400 Tage aufbewahrt, damit lange Diagramme vollständig bleiben.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="249"/>
        <source>A new database URL takes effect when you save: OpsDeck opens that cache and syncs into it from then on.</source>
        <translation>Eine neue Datenbank-URL wird beim Speichern wirksam: OpsDeck öffnet dann diesen Cache und synchronisiert von da an in ihn.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="285"/>
        <location filename="../src/ui/settingsdialog.cpp" line="378"/>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="288"/>
        <source> · off</source>
        <translation> · aus</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="293"/>
        <source>To fix: %1</source>
        <translation>Zu korrigieren: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="296"/>
        <source>%1, %2, needs attention: %3</source>
        <translation>%1, %2, erfordert Aufmerksamkeit: %3</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="297"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="378"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="395"/>
        <source>Sync — Default interval</source>
        <translation>Synchronisierung — Standardintervall</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="397"/>
        <source>Storage — Database URL</source>
        <translation>Datenspeicher — Datenbank-URL</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="399"/>
        <source>Storage — Retention</source>
        <translation>Datenspeicher — Aufbewahrung</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="420"/>
        <source>To save, fix: %1</source>
        <translation>Zum Speichern korrigieren: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="475"/>
        <source>Fix %1 first.</source>
        <translation>Korrigieren Sie zuerst %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="487"/>
        <source>Fix the URL first.</source>
        <translation>Korrigieren Sie zuerst die URL.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="492"/>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="530"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="570"/>
        <source>No keyring to store the token in.</source>
        <translation>Kein Schlüsselbund vorhanden, in dem das Token gespeichert werden kann.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="599"/>
        <source>No keyring available (%1): set the environment variable %2 instead.</source>
        <translation>Kein Schlüsselbund verfügbar (%1): Setzen Sie stattdessen die Umgebungsvariable %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="600"/>
        <source>The system keyring refused the change: %1</source>
        <translation>Der Systemschlüsselbund hat die Änderung abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="604"/>
        <location filename="../src/ui/settingsdialog.cpp" line="615"/>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/settingsdialog.cpp" line="623"/>
        <source>Saved to %1.</source>
        <translation>In %1 gespeichert.</translation>
    </message>
</context>
<context>
    <name>SettingsSourceEditor</name>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="47"/>
        <source>Local machine</source>
        <translation>Lokaler Rechner</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="49"/>
        <source>DigitalOcean</source>
        <translation>DigitalOcean</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="51"/>
        <source>Prometheus</source>
        <translation>Prometheus</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="53"/>
        <source>node_exporter</source>
        <translation>node_exporter</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="80"/>
        <source>%1 source</source>
        <translation>Quelle vom Typ %1</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="98"/>
        <source>e.g. do-prod</source>
        <translation>z. B. do-prod</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="101"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="102"/>
        <source>Letters, digits, &apos;-&apos; and &apos;_&apos;; the name in the fleet table and the settings file.</source>
        <translation>Buchstaben, Ziffern, „-“ und „_“; der Name in der Ressourcentabelle und in der Einstellungsdatei.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="105"/>
        <source>S&amp;ync this source</source>
        <translation>Diese Quelle s&amp;ynchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="113"/>
        <source>&amp;Interval:</source>
        <translation>&amp;Intervall:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="114"/>
        <source>How often to sync, e.g. 90s, 5m, 1h30m. Empty: the default.</source>
        <translation>Wie oft synchronisiert wird, z. B. 90s, 5m, 1h30m. Leer: der Standardwert.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="121"/>
        <source>API &amp;URL:</source>
        <translation>API-&amp;URL:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="126"/>
        <source>Requests per &amp;minute:</source>
        <translation>Anfragen pro &amp;Minute:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="129"/>
        <source>Requests per &amp;hour:</source>
        <translation>Anfragen pro &amp;Stunde:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="130"/>
        <source>Lower these when other tools share the token; DigitalOcean allows 250 a minute and 5,000 an hour.</source>
        <translation>Verringern Sie diese Werte, wenn andere Werkzeuge das Token mitbenutzen; DigitalOcean erlaubt 250 pro Minute und 5.000 pro Stunde.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="134"/>
        <source>&amp;Backfill:</source>
        <translation>Nachlade&amp;zeitraum:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="135"/>
        <source>History fetched on the first sync, from 1h to 30d.</source>
        <translation>Verlauf, der bei der ersten Synchronisierung abgerufen wird, von 1h bis 30d.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="139"/>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="140"/>
        <source>OpsDeck shows the hosts whose node_exporter metrics this Prometheus has.</source>
        <translation>OpsDeck zeigt die Hosts, deren node_exporter-Metriken dieser Prometheus-Server hat.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="151"/>
        <source>&amp;Targets:</source>
        <translation>&amp;Ziele:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="152"/>
        <source>One node_exporter address per line; a missing path means /metrics.</source>
        <translation>Eine node_exporter-Adresse pro Zeile; ohne Pfad wird /metrics verwendet.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="156"/>
        <source>CPU, memory and the disk holding / of this machine, read from /proc.</source>
        <translation>CPU, Arbeitsspeicher und die Festplatte mit / dieses Rechners, aus /proc gelesen.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="163"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="171"/>
        <source>Testing the connection</source>
        <translation>Verbindung wird getestet</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="198"/>
        <location filename="../src/ui/settingssourceeditor.cpp" line="358"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="199"/>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="202"/>
        <source>Remove the stored token from the system keyring when the settings are saved</source>
        <translation>Das gespeicherte Token beim Speichern der Einstellungen aus dem Systemschlüsselbund entfernen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="209"/>
        <source>T&amp;oken:</source>
        <translation>T&amp;oken:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="221"/>
        <source>Token &amp;variable:</source>
        <translation>Token-V&amp;ariable:</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="222"/>
        <source>The environment variable read when no token is stored here (used by opsdeck --sync too).</source>
        <translation>Die Umgebungsvariable, die gelesen wird, wenn hier kein Token gespeichert ist (wird auch von opsdeck --sync verwendet).</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="247"/>
        <source>No keyring available</source>
        <translation>Kein Schlüsselbund verfügbar</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="249"/>
        <source>No keyring available: set the environment variable %1 instead.</source>
        <translation>Kein Schlüsselbund verfügbar: Setzen Sie stattdessen die Umgebungsvariable %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="252"/>
        <source>Stored — type a new token to replace it</source>
        <translation>Gespeichert — geben Sie ein neues Token ein, um es zu ersetzen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="253"/>
        <source>Paste a DigitalOcean API token</source>
        <translation>DigitalOcean-API-Token einfügen</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="256"/>
        <source>Stored in the system keyring, never in the settings file.</source>
        <translation>Im Systemschlüsselbund gespeichert, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="258"/>
        <source>The stored token is removed from the system keyring when you save.</source>
        <translation>Das gespeicherte Token wird beim Speichern aus dem Systemschlüsselbund entfernt.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="260"/>
        <source>No token stored: the token in the environment variable %1 is used.</source>
        <translation>Kein Token gespeichert: Das Token aus der Umgebungsvariable %1 wird verwendet.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="262"/>
        <source>No token yet: paste one (it is kept in the system keyring), or set the environment variable %1.</source>
        <translation>Noch kein Token: Fügen Sie eines ein (es wird im Systemschlüsselbund aufbewahrt) oder setzen Sie die Umgebungsvariable %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="265"/>
        <source>(Checking for a system keyring…)</source>
        <translation>(Systemschlüsselbund wird gesucht…)</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="314"/>
        <source>%1 (the default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="338"/>
        <location filename="../src/ui/settingssourceeditor.cpp" line="341"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="340"/>
        <source>Another source is already called &quot;%1&quot;; each source needs its own name.</source>
        <translation>Eine andere Quelle heißt bereits „%1“; jede Quelle braucht einen eigenen Namen.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="345"/>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="347"/>
        <source>API URL</source>
        <translation>API-URL</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="348"/>
        <source>Token variable</source>
        <translation>Token-Variable</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="349"/>
        <source>Requests per minute</source>
        <translation>Anfragen pro Minute</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="350"/>
        <source>Requests per hour</source>
        <translation>Anfragen pro Stunde</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="351"/>
        <source>Backfill</source>
        <translation>Nachladezeitraum</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="356"/>
        <source>A token has no spaces or line breaks; paste it again.</source>
        <translation>Ein Token enthält keine Leerzeichen oder Zeilenumbrüche; fügen Sie es erneut ein.</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="366"/>
        <source>Required: the Prometheus server, e.g. http://127.0.0.1:9090</source>
        <translation>Erforderlich: der Prometheus-Server, z. B. http://127.0.0.1:9090</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="367"/>
        <location filename="../src/ui/settingssourceeditor.cpp" line="369"/>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="377"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="425"/>
        <source>The last sync failed: %1</source>
        <translation>Die letzte Synchronisierung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/settingssourceeditor.cpp" line="433"/>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
</context>
<context>
    <name>SyncLogModel</name>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="57"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="59"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="61"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="69"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="71"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="73"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="81"/>
        <source>The sync failed without saying why; run opsdeck --sync in a terminal to see its output</source>
        <translation>Die Synchronisierung ist ohne Angabe eines Grundes fehlgeschlagen; führen Sie opsdeck --sync in einem Terminal aus, um die Ausgabe zu sehen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="83"/>
        <source>Another OpsDeck was syncing this source at the time</source>
        <translation>Ein anderes OpsDeck synchronisierte diese Quelle zu der Zeit</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="156"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="183"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="204"/>
        <source>Resources the source reported</source>
        <translation>Von der Quelle gemeldete Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="206"/>
        <source>New samples stored</source>
        <translation>Neu gespeicherte Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="208"/>
        <source>Requests made to the provider&apos;s API</source>
        <translation>Anfragen an die API des Anbieters</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="210"/>
        <source>Requests the provider refused for its rate limit</source>
        <translation>Anfragen, die der Anbieter wegen seines Ratenlimits abgelehnt hat</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="219"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="221"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="223"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="225"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="227"/>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="229"/>
        <source>Samples</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="231"/>
        <source>API calls</source>
        <translation>API-Aufrufe</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="233"/>
        <source>Throttled</source>
        <translation>Gedrosselt</translation>
    </message>
    <message>
        <location filename="../src/ui/synclogmodel.cpp" line="235"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="34"/>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="36"/>
        <source>DigitalOcean</source>
        <translation>DigitalOcean</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="38"/>
        <source>Prometheus</source>
        <translation>Prometheus</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="40"/>
        <source>node_exporter</source>
        <translation>node_exporter</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="117"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="119"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="125"/>
        <source>Sources and their syncs</source>
        <translation>Quellen und ihre Synchronisierungen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="127"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="127"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="127"/>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="127"/>
        <source>Next sync</source>
        <translation>Nächste Synchronisierung</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="127"/>
        <source>API budget (last hour)</source>
        <translation>API-Budget (letzte Stunde)</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="129"/>
        <source>API calls of the last hour, from the sync log, against the source&apos;s requests_per_hour</source>
        <translation>API-Aufrufe der letzten Stunde laut Synchronisierungsprotokoll, verglichen mit requests_per_hour der Quelle</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="140"/>
        <location filename="../src/ui/syncpanel.cpp" line="157"/>
        <source>Sync log</source>
        <translation>Synchronisierungsprotokoll</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="144"/>
        <source>Show syncs of</source>
        <translation>Synchronisierungen anzeigen von</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="108"/>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="145"/>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="168"/>
        <source>Sync log status</source>
        <translation>Status des Synchronisierungsprotokolls</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="326"/>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="328"/>
        <source>in %1 s</source>
        <translation>in %1 s</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="330"/>
        <source>in %1 min %2 s</source>
        <translation>in %1 min %2 s</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="331"/>
        <source>in %1 h %2 min</source>
        <translation>in %1 h %2 min</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="338"/>
        <source>%1 of %2 (%3 %)</source>
        <translation>%1 von %2 (%3 %)</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="357"/>
        <source>Disabled in the configuration: set enabled = true in [source.%1] to sync it</source>
        <translation>In der Konfiguration deaktiviert: setzen Sie enabled = true in [source.%1], um sie zu synchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="363"/>
        <source>syncing now: %1 of %2 requests</source>
        <translation>wird synchronisiert: %1 von %2 Anfragen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="364"/>
        <source>syncing now…</source>
        <translation>wird synchronisiert …</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="367"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="375"/>
        <source>%1 — failed: %2</source>
        <translation>%1 — fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="378"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="396"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="398"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="402"/>
        <source>not scheduled yet</source>
        <translation>noch nicht geplant</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="408"/>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="409"/>
        <source>This source has no API request limit</source>
        <translation>Diese Quelle hat kein Limit für API-Anfragen</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="415"/>
        <source>Counted from the sync log; set requests_per_hour in [source.%1] to change the limit</source>
        <translation>Aus dem Synchronisierungsprotokoll gezählt; setzen Sie requests_per_hour in [source.%1], um das Limit zu ändern</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="450"/>
        <source>Reading the sync log…</source>
        <translation>Synchronisierungsprotokoll wird gelesen …</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="452"/>
        <source>Could not read the sync log: %1</source>
        <translation>Das Synchronisierungsprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="454"/>
        <source>No syncs yet — press Sync now (Ctrl+R)</source>
        <translation>Noch keine Synchronisierungen — drücken Sie „Jetzt synchronisieren“ (Strg+R)</translation>
    </message>
    <message>
        <location filename="../src/ui/syncpanel.cpp" line="456"/>
        <source>No syncs of %1 yet — press Sync now (Ctrl+R)</source>
        <translation>Noch keine Synchronisierungen von %1 — drücken Sie „Jetzt synchronisieren“ (Strg+R)</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="100"/>
        <source>Inherits %1 from %2. Type a value to set it here; clear it to inherit again.</source>
        <translation>Übernimmt %1 von %2. Geben Sie einen Wert ein, um ihn hier festzulegen; leeren Sie das Feld, um ihn wieder zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="157"/>
        <source>How long a value must stay at or above a threshold before the alert fires, e.g. 90 s, 5 min, 1 h 30 min (a bare number is minutes).</source>
        <translation>Wie lange ein Wert auf oder über einem Schwellenwert bleiben muss, bevor der Alarm ausgelöst wird, z. B. 90 s, 5 min, 1 h 30 min (eine Zahl allein bedeutet Minuten).</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="169"/>
        <source>Inherits %1 from %2. Type a duration to set it here; clear it to inherit again.</source>
        <translation>Übernimmt %1 von %2. Geben Sie eine Dauer ein, um sie hier festzulegen; leeren Sie das Feld, um sie wieder zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="195"/>
        <source>d</source>
        <translation>d</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="195"/>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="196"/>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="196"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="266"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="407"/>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="268"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="270"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="293"/>
        <source>once</source>
        <translation>einmal</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/thresholdsdialog.cpp" line="293"/>
        <source>%n times</source>
        <translation>
            <numerusform>%n-mal</numerusform>
            <numerusform>%n-mal</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="301"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="315"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="308"/>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="310"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="312"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="317"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="329"/>
        <source>Thresholds</source>
        <translation>Schwellenwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="331"/>
        <source>Alerts fire when a value stays at or above a threshold for the time in “For”, and resolve once it falls below the threshold minus the clear margin. Overrides apply to one resource, a tag or a kind (resource before tag before kind); fields left empty inherit. Saved thresholds are shared by everyone using this database.</source>
        <translation>Alarme werden ausgelöst, wenn ein Wert für die unter „Mindestdauer“ angegebene Zeit auf oder über einem Schwellenwert bleibt, und sind behoben, sobald er unter den Schwellenwert abzüglich der Hysterese fällt. Überschreibungen gelten für eine Ressource, ein Tag oder einen Typ (Ressource vor Tag vor Typ); leer gelassene Felder übernehmen den geerbten Wert. Gespeicherte Schwellenwerte gelten für alle, die diese Datenbank verwenden.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="342"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="382"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="624"/>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="342"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="382"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="625"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="342"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="382"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="626"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="342"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="383"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="627"/>
        <source>For</source>
        <translation>Mindestdauer</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="342"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="383"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="628"/>
        <source>Clear margin</source>
        <translation>Hysterese</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="342"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="383"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="363"/>
        <source>%1 warning threshold</source>
        <translation>%1: Schwellenwert für Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="364"/>
        <source>%1 critical threshold</source>
        <translation>%1: Schwellenwert für kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="365"/>
        <source>%1 for</source>
        <translation>%1: Mindestdauer</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="366"/>
        <source>%1 clear margin</source>
        <translation>%1: Hysterese</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="367"/>
        <source>An alert resolves once the value falls below its threshold minus this margin, so a value hovering at the threshold does not flap.</source>
        <translation>Ein Alarm ist behoben, sobald der Wert unter seinen Schwellenwert abzüglich dieses Abstands fällt, damit ein Wert, der um den Schwellenwert pendelt, nicht flattert.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="382"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="622"/>
        <source>Scope</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="382"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="623"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="401"/>
        <location filename="../src/ui/thresholdsdialog.cpp" line="409"/>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="415"/>
        <source>&amp;Add override</source>
        <translation>Überschreibung &amp;hinzufügen</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="417"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="434"/>
        <source>Defaults</source>
        <translation>Standardwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="437"/>
        <source>Overrides</source>
        <translation>Überschreibungen</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="461"/>
        <source>Replaying</source>
        <translation>Simulation läuft</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="478"/>
        <source>Replay over the last 30 days</source>
        <translation>Simulation über die letzten 30 Tage</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="481"/>
        <source>Re&amp;source:</source>
        <translation>Re&amp;ssource:</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="483"/>
        <source>&amp;Metric:</source>
        <translation>&amp;Metrik:</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="509"/>
        <source>Reading the thresholds…</source>
        <translation>Schwellenwerte werden gelesen…</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="554"/>
        <source>The saved thresholds could not be read, so the configured ones are shown: %1</source>
        <translation>Die gespeicherten Schwellenwerte konnten nicht gelesen werden, daher werden die konfigurierten angezeigt: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="600"/>
        <source>name, tag or kind</source>
        <translation>Name, Tag oder Typ</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="808"/>
        <source>1 problem: fix it to save.</source>
        <translation>1 Problem: Beheben Sie es, um zu speichern.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/thresholdsdialog.cpp" line="809"/>
        <source>%n problems: fix them to save.</source>
        <translation>
            <numerusform>%n Problem: Beheben Sie es, um zu speichern.</numerusform>
            <numerusform>%n Probleme: Beheben Sie sie, um zu speichern.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="833"/>
        <source>the %1 defaults</source>
        <translation>den Standardwerten für %1</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="841"/>
        <source>its kind and tag overrides</source>
        <translation>ihren Typ- und Tag-Überschreibungen</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="882"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="886"/>
        <source>The fleet could not be read, so there is nothing to replay: %1</source>
        <translation>Die Ressourcen konnten nicht gelesen werden, daher gibt es nichts zu simulieren: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="917"/>
        <source>No resource in the cache yet: sync first, then replay.</source>
        <translation>Noch keine Ressource im Cache: Erst synchronisieren, dann simulieren.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="928"/>
        <source>Rule in force for %1: warning %2, critical %3, for %4, clear margin %5.</source>
        <translation>Geltende Regel für %1: Warnung %2, kritisch %3, Mindestdauer %4, Hysterese %5.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="934"/>
        <source>Fix the problems above to replay the rule.</source>
        <translation>Beheben Sie die Probleme oben, um die Regel zu simulieren.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="935"/>
        <source>No replay while the thresholds have problems.</source>
        <translation>Keine Simulation, solange die Schwellenwerte Probleme haben.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="959"/>
        <source>The replay failed: %1</source>
        <translation>Die Simulation ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="961"/>
        <source>%1 has no %2 samples in the last 30 days: nothing to replay.</source>
        <translation>%1 hat in den letzten 30 Tagen keine Messwerte für %2: nichts zu simulieren.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="966"/>
        <source>Over the history there is (%1)</source>
        <translation>Im vorhandenen Verlauf (%1)</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="967"/>
        <source>Over the last 30 days</source>
        <translation>In den letzten 30 Tagen</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="970"/>
        <source>%1, this rule would never have fired.</source>
        <translation>%1 hätte diese Regel nie ausgelöst.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="972"/>
        <source>%1, this rule would have fired %2, for %3 in total, and flapped %4.</source>
        <translation>%1 hätte diese Regel %2 ausgelöst, insgesamt für %3, und %4 geflattert.</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="1015"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../src/ui/thresholdsdialog.cpp" line="1023"/>
        <source>The thresholds were not saved: %1. Check that the database is reachable and writable, then save again.</source>
        <translation>Die Schwellenwerte wurden nicht gespeichert: %1. Prüfen Sie, ob die Datenbank erreichbar und beschreibbar ist, und speichern Sie dann erneut.</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="53"/>
        <source>Show OpsDeck</source>
        <translation>OpsDeck anzeigen</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="55"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="59"/>
        <source>Pause notifications</source>
        <translation>Benachrichtigungen pausieren</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="64"/>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="66"/>
        <source>Until tomorrow</source>
        <translation>Bis morgen</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="72"/>
        <source>Resume notifications</source>
        <translation>Benachrichtigungen fortsetzen</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="75"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="303"/>
        <source>OpsDeck — all clear</source>
        <translation>OpsDeck – alles in Ordnung</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/traycontroller.cpp" line="307"/>
        <source>OpsDeck — %n alerts (%1 critical)</source>
        <translation>
            <numerusform>OpsDeck – %n Alarm (%1 kritisch)</numerusform>
            <numerusform>OpsDeck – %n Alarme (%1 kritisch)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/traycontroller.cpp" line="311"/>
        <source>Notifications paused until %1</source>
        <translation>Benachrichtigungen pausiert bis %1</translation>
    </message>
</context>
<context>
    <name>TrendChartView</name>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="54"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="130"/>
        <source>Range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="132"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="134"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="136"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="293"/>
        <source>HH:mm</source>
        <comment>time axis labels for ranges up to a day (QDateTime format)</comment>
        <translation>HH:mm</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="295"/>
        <source>ddd HH:mm</source>
        <comment>time axis labels for ranges up to a week (QDateTime format)</comment>
        <translation>ddd HH:mm</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="296"/>
        <source>MMM d</source>
        <comment>time axis labels for ranges over a week (QDateTime format)</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="371"/>
        <source>No samples in this range yet</source>
        <translation>In diesem Zeitraum gibt es noch keine Messwerte</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="466"/>
        <source>Trend chart</source>
        <translation>Verlaufsdiagramm</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="466"/>
        <source>%1 trend chart</source>
        <translation>Verlaufsdiagramm %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/trendchartview.cpp" line="473"/>
        <source>%n points from %1 to %2, latest %3. Left and Right move between points.</source>
        <translation>
            <numerusform>%n Punkt von %1 bis %2, zuletzt %3. Mit Links und Rechts zwischen den Punkten wechseln.</numerusform>
            <numerusform>%n Punkte von %1 bis %2, zuletzt %3. Mit Links und Rechts zwischen den Punkten wechseln.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="530"/>
        <source>Average %1</source>
        <translation>Durchschnitt %1</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="531"/>
        <source>Min %1 · max %2</source>
        <translation>Min. %1 · max. %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/trendchartview.cpp" line="532"/>
        <source>%n samples</source>
        <translation>
            <numerusform>%n Messwert</numerusform>
            <numerusform>%n Messwerte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="533"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="541"/>
        <source>Click or press Enter for the samples</source>
        <translation>Klicken oder Eingabetaste drücken, um die Messwerte zu sehen</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="750"/>
        <source>critical %1 %</source>
        <translation>kritisch %1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/trendchartview.cpp" line="754"/>
        <source>warning %1 %</source>
        <translation>Warnung %1 %</translation>
    </message>
</context>
</TS>
