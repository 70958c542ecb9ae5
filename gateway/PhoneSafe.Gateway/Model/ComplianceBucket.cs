namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Compliance figures of a group of staff-days (a day, a week, a term, a department or a person).
/// </summary>
/// <param name="Label">What the group is.</param>
/// <param name="InContact">Staff-days with contact time.</param>
/// <param name="Deposited">Of those, staff-days with a deposit by the start of contact time.</param>
/// <param name="RetrievalsInContact">Retrievals inside contact time.</param>
public sealed record ComplianceBucket(string Label, int InContact, int Deposited, int RetrievalsInContact)
{
    /// <summary>Gets the deposit rate from 0 to 1 (0 when nobody was in contact).</summary>
    public double Rate => InContact == 0 ? 0 : (double)Deposited / InContact;
}
