namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Ledger events kept past their retention period because something still needs them.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Reason">"flag" (an open or investigated flag points at it), "custody" (the deposit of a phone still in
/// a compartment) or "intake-check" (a pupil phone intake whose parent-notice check is still due).</param>
/// <param name="Events">How many events.</param>
/// <param name="OldestUtc">When the oldest of them was received.</param>
public sealed record HeldRecords(string School, string Reason, long Events, DateTimeOffset OldestUtc)
{
    /// <summary>Gets the reason in words, for the purge output and the Records page.</summary>
    public string Explanation => Reason switch
    {
        "flag" => "an open or investigated flag points at them",
        "custody" => "they put a phone in a compartment that still holds it",
        "intake-check" => "a pupil phone intake whose parent-notice check is still due",
        _ => Reason,
    };
}
