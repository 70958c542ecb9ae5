namespace PhoneSafe.Gateway.Model;

/// <summary>
/// One line of the audit log: who looked at or changed what, when and from where.
/// </summary>
/// <param name="Id">Row identifier.</param>
/// <param name="AtUtc">When.</param>
/// <param name="UserName">Who (or "anonymous").</param>
/// <param name="Action">What, for example "view:today" or "sign-in:failed".</param>
/// <param name="Detail">Which record or extra facts, never a password.</param>
/// <param name="Remote">Client address.</param>
public sealed record AuditEntry(long Id, DateTimeOffset AtUtc, string UserName, string Action, string Detail, string Remote);
