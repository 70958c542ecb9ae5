namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Endpoint metadata: the handler writes its own, more detailed audit line when it succeeds, so
/// <see cref="ApiAudit"/> writes one only when the request is refused.
/// </summary>
public sealed class AuditedInHandler
{
    /// <summary>The one instance.</summary>
    public static readonly AuditedInHandler Instance = new();

    private AuditedInHandler()
    {
    }
}
