namespace PhoneSafe.Gateway.Model;

/// <summary>
/// What a retention purge removed (or, in a dry run, would remove).
/// </summary>
public sealed class RetentionReport
{
    /// <summary>Gets or sets a value indicating whether nothing was changed (counts only).</summary>
    public bool DryRun { get; set; }

    /// <summary>Gets or sets when the purge ran.</summary>
    public DateTimeOffset RanUtc { get; set; }

    /// <summary>Gets the ledger cuts made, one per school with events past retention.</summary>
    public List<RetentionCut> Cuts { get; } = [];

    /// <summary>Gets the events past retention kept because something still needs them, per school and reason.</summary>
    public List<HeldRecords> Held { get; } = [];

    /// <summary>Gets or sets ledger events removed (behind checkpoints).</summary>
    public long Events { get; set; }

    /// <summary>Gets or sets pupil intake/release records copied out of the events being removed, kept for their longer period.</summary>
    public long PupilRecordsKept { get; set; }

    /// <summary>Gets or sets pupil intake/release records removed at the end of their period.</summary>
    public long PupilRecords { get; set; }

    /// <summary>Gets or sets resolved or suppressed flags removed (with their history).</summary>
    public long Flags { get; set; }

    /// <summary>Gets or sets flag history rows removed.</summary>
    public long FlagHistory { get; set; }

    /// <summary>Gets or sets exceptions removed.</summary>
    public long Exceptions { get; set; }

    /// <summary>Gets or sets parent notices removed.</summary>
    public long ParentNotices { get; set; }

    /// <summary>Gets or sets card hashes removed (revoked, or of leavers).</summary>
    public long Credentials { get; set; }

    /// <summary>Gets or sets leavers' records removed (with their timetables and compartment reservations).</summary>
    public long People { get; set; }

    /// <summary>Gets or sets completed intake checks removed.</summary>
    public long Deadlines { get; set; }

    /// <summary>Gets or sets audit lines removed (trust-wide).</summary>
    public long Audit { get; set; }

    /// <summary>Gets or sets quarantined messages removed (trust-wide).</summary>
    public long Quarantine { get; set; }

    /// <summary>
    /// Gets the counts as one line (for logs and the purge verb).
    /// </summary>
    /// <returns>For example "events=120 flags=2 …".</returns>
    public string Summary() => FormattableString.Invariant(
        $"events={Events} held={Held.Sum(h => h.Events)} checkpoints={Cuts.Count} pupil-records-kept={PupilRecordsKept} pupil-records={PupilRecords} flags={Flags} flag-history={FlagHistory} exceptions={Exceptions} parent-notices={ParentNotices} credentials={Credentials} people={People} deadlines={Deadlines} audit={Audit} quarantine={Quarantine}");
}
