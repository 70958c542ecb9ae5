using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Local accounts: creation with a password policy, sign-in checks with ASP.NET Core Identity's PBKDF2 password
/// hasher, and lock-out after repeated failures.
/// </summary>
/// <param name="users">The account store.</param>
/// <param name="time">The clock.</param>
public sealed class AccountService(UserStore users, TimeProvider time)
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>Failed attempts in a row that lock an account.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<GatewayUser> s_hasher = new();
    private static readonly GatewayUser s_nobody = new(0, "-", "-", UserRoles.Staff, "-", null);
    private static readonly string s_dummyHash = s_hasher.HashPassword(s_nobody, "not-a-real-password-for-timing");

    /// <summary>
    /// Checks an account's rules and creates it.
    /// </summary>
    /// <param name="user">The account (user name is lower-cased).</param>
    /// <param name="password">The password, at least <see cref="MinimumPasswordLength"/> characters.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>null when created, otherwise what is wrong.</returns>
    public async Task<string?> CreateAsync(GatewayUser user, string password, CancellationToken cancellationToken)
    {
        string name = user.UserName.Trim().ToLowerInvariant();
        if (name.Length is < 3 or > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')))
        {
            return "User names are 3 to 64 letters, digits, '.', '-', '_' or '@'.";
        }

        if (password.Length < MinimumPasswordLength)
        {
            return $"Passwords are at least {MinimumPasswordLength} characters.";
        }

        if (!UserRoles.All.Contains(user.Role))
        {
            return "Unknown role.";
        }

        if (!Identifiers.IsValid(user.School))
        {
            return "School identifiers are 1 to 32 characters of a-z, 0-9 and '-'.";
        }

        if (user.Role == UserRoles.Staff && string.IsNullOrWhiteSpace(user.PersonId))
        {
            return "A Staff account must be linked to the member of staff (their staff code).";
        }

        GatewayUser normalised = user with { UserName = name, DisplayName = user.DisplayName.Trim() };
        return await users.CreateAsync(normalised, s_hasher.HashPassword(normalised, password), cancellationToken) ? null : "That user name is taken.";
    }

    /// <summary>
    /// Checks a user name and password, counting failures and locking the account after too many.
    /// </summary>
    /// <param name="userName">Sign-in name.</param>
    /// <param name="password">Password.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome and, on success, the account.</returns>
    public async Task<(SignInOutcome Outcome, GatewayUser? User)> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var found = await users.FindAsync(userName.Trim().ToLowerInvariant(), cancellationToken);
        if (found is null)
        {
            s_hasher.VerifyHashedPassword(s_nobody, s_dummyHash, password);
            return (SignInOutcome.Invalid, null);
        }

        (GatewayUser user, string hash, int failed, DateTimeOffset? lockedUntil) = found.Value;
        DateTimeOffset now = time.GetUtcNow();
        if (lockedUntil > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        if (s_hasher.VerifyHashedPassword(user, hash, password) == PasswordVerificationResult.Failed)
        {
            failed++;
            bool lockNow = failed >= MaxFailedSignIns;
            await users.RecordSignInAsync(user.Id, lockNow ? 0 : failed, lockNow ? now + LockoutDuration : null, false, cancellationToken);
            return (lockNow ? SignInOutcome.LockedOut : SignInOutcome.Invalid, null);
        }

        await users.RecordSignInAsync(user.Id, 0, null, true, cancellationToken);
        return (SignInOutcome.Success, user);
    }

    /// <summary>
    /// Builds the cookie identity of an account.
    /// </summary>
    /// <param name="user">The account.</param>
    /// <returns>The principal to sign in.</returns>
    public static ClaimsPrincipal ToPrincipal(GatewayUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(GatewayClaims.School, user.School),
        };
        if (user.PersonId is not null)
        {
            claims.Add(new Claim(GatewayClaims.PersonId, user.PersonId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
