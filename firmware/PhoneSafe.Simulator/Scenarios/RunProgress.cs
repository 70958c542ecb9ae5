namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// Where a run is.
/// </summary>
/// <param name="LocalTime">The scenario's local time now.</param>
/// <param name="Elapsed">Real time since the run started.</param>
/// <param name="ActionsDone">Actions done.</param>
/// <param name="ActionsPlanned">Actions planned so far (groups count when their step starts).</param>
/// <param name="EventsRecorded">Events written to the lockers' journals.</param>
/// <param name="EventsAcknowledged">Events the gateway acknowledged.</param>
/// <param name="Outstanding">Events waiting for an acknowledgement.</param>
/// <param name="Problems">Problems so far (refused taps, unexpected states).</param>
/// <param name="Phase">"configuring", "running" or "draining".</param>
public sealed record RunProgress(DateTime LocalTime, TimeSpan Elapsed, int ActionsDone, int ActionsPlanned, long EventsRecorded, long EventsAcknowledged, long Outstanding, int Problems, string Phase);
