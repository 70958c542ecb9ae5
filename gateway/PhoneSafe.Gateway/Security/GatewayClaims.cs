namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Claim types of a signed-in PhoneSafe user beyond name and role.
/// </summary>
public static class GatewayClaims
{
    /// <summary>The school the account belongs to.</summary>
    public const string School = "phonesafe:school";

    /// <summary>For Staff accounts, the person whose record they may see.</summary>
    public const string PersonId = "phonesafe:person";
}
