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

    /// <summary>The account's security stamp when the session began; a session with an older stamp ends.</summary>
    public const string SecurityStamp = "phonesafe:stamp";

    /// <summary>When the session began (Unix seconds); sessions end <see cref="SessionValidation.AbsoluteLifetime"/> later.</summary>
    public const string SignedIn = "phonesafe:signed-in";
}
