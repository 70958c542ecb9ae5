namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// One locker at the end of a run.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="EventsRecorded">Events written to its journal in this run (from its boot event on).</param>
/// <param name="AcknowledgedThrough">Events of this run the gateway acknowledged (all of them once nothing is outstanding).</param>
/// <param name="Outstanding">Events not acknowledged.</param>
/// <param name="Lost">Events overwritten before they were acknowledged (journal full).</param>
/// <param name="FailedConnects">Connection attempts that failed.</param>
/// <param name="Problems">What went wrong at this locker (refused taps, unexpected states).</param>
public sealed record LockerReport(string Locker, long EventsRecorded, long AcknowledgedThrough, long Outstanding, long Lost, long FailedConnects, IReadOnlyList<string> Problems);
