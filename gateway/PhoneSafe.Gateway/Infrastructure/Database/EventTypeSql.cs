using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// Lists of event types for SQL <c>IN (…)</c> clauses, written from the protocol's <see cref="EventType"/>
/// constants so that queries and lockers name the types the same way.
/// </summary>
public static class EventTypeSql
{
    /// <summary>The types that move a phone in or out: deposit, retrieve.</summary>
    public static readonly string Custody = Literals(EventType.Deposit, EventType.Retrieve);

    /// <summary>The types that change what a compartment shows: custody and door events.</summary>
    public static readonly string Compartment = Literals(
        EventType.Deposit, EventType.Retrieve, EventType.DoorOpened, EventType.DoorClosed, EventType.DoorForced, EventType.DoorLeftOpen);

    /// <summary>
    /// Writes values as SQL string literals separated by commas.
    /// </summary>
    /// <param name="values">The values (quotes are doubled).</param>
    /// <returns>For example <c>'deposit', 'retrieve'</c>.</returns>
    public static string Literals(params string[] values) =>
        string.Join(", ", values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"));
}
