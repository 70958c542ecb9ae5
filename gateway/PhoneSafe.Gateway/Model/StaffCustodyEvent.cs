namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A deposit or retrieve by a member of staff (not an office intake), with the person it belongs to.
/// </summary>
/// <param name="PersonId">Staff code of the credential's owner.</param>
/// <param name="Type">deposit or retrieve.</param>
/// <param name="PlacedUtc">Device time when synchronised, otherwise arrival time.</param>
/// <param name="Id">Event row id (orders events placed at the same time).</param>
public sealed record StaffCustodyEvent(string PersonId, string Type, DateTimeOffset PlacedUtc, long Id);
