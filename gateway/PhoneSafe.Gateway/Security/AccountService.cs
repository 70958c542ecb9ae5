using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Local accounts: creation with a password policy, sign-in checks with ASP.NET Core Identity's PBKDF2 password
/// hasher, lock-out after repeated failures, and the account lifecycle (password reset, role change, disable,
/// delete) with the school's last enabled administrator protected.
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
    public Task<string?> CreateAsync(GatewayUser user, string password, CancellationToken cancellationToken) => CreateAsync(user, password, false, cancellationToken);

    /// <summary>
    /// Creates the first administrator, only while there are no accounts at all (checked in the same statement).
    /// </summary>
    /// <param name="user">The administrator.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>null when created, otherwise what is wrong.</returns>
    public Task<string?> CreateFirstAdministratorAsync(GatewayUser user, string password, CancellationToken cancellationToken) =>
        CreateAsync(user with { Role = UserRoles.Admin }, password, true, cancellationToken);

    private async Task<string?> CreateAsync(GatewayUser user, string password, bool onlyIfFirst, CancellationToken cancellationToken)
    {
        string name = user.UserName.Trim().ToLowerInvariant();
        if (name.Length is < 3 or > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')))
        {
            return "User names are 3 to 64 letters, digits, '.', '-', '_' or '@'.";
        }

        string? error = CheckPassword(password) ?? CheckRole(user.Role, user.PersonId);
        if (error is not null)
        {
            return error;
        }

        if (!Identifiers.IsValid(user.School))
        {
            return "School identifiers are 1 to 32 characters of a-z, 0-9 and '-'.";
        }

        GatewayUser normalised = user with { UserName = name, DisplayName = user.DisplayName.Trim(), PersonId = user.PersonId?.Trim() };
        if (await users.CreateAsync(normalised, s_hasher.HashPassword(normalised, password), onlyIfFirst, cancellationToken))
        {
            return null;
        }

        return onlyIfFirst ? "The administrator account already exists." : "That user name is taken.";
    }

    /// <summary>
    /// Checks a user name and password, counting failures and locking the account after too many. The attempt is
    /// counted before the password is checked, so parallel guesses cannot get past the limit.
    /// </summary>
    /// <param name="userName">Sign-in name.</param>
    /// <param name="password">Password.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome and, on success, the account.</returns>
    public async Task<(SignInOutcome Outcome, StoredAccount? Account)> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        StoredAccount? found = await users.FindAsync(userName.Trim().ToLowerInvariant(), cancellationToken);
        if (found is null || found.User.Disabled)
        {
            s_hasher.VerifyHashedPassword(s_nobody, s_dummyHash, password);
            return (SignInOutcome.Invalid, null);
        }

        if (!await users.TakeSignInAttemptAsync(found.User.Id, MaxFailedSignIns, LockoutDuration, cancellationToken))
        {
            return (SignInOutcome.LockedOut, null);
        }

        if (s_hasher.VerifyHashedPassword(found.User, found.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            StoredAccount? after = await users.FindByIdAsync(found.User.Id, cancellationToken);
            return (after?.LockedUntil > time.GetUtcNow() ? SignInOutcome.LockedOut : SignInOutcome.Invalid, null);
        }

        await users.RecordSuccessfulSignInAsync(found.User.Id, cancellationToken);
        return (SignInOutcome.Success, found);
    }

    /// <summary>
    /// Sets a new password for an account of the school; the account is unlocked and its sessions end.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="school">The administrator's school.</param>
    /// <param name="password">The new password.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome and, unless done, what is wrong.</returns>
    public async Task<(AccountChange Outcome, string? Error)> ResetPasswordAsync(long userId, string school, string password, CancellationToken cancellationToken)
    {
        if (CheckPassword(password) is { } invalid)
        {
            return (AccountChange.Invalid, invalid);
        }

        StoredAccount? account = await users.FindByIdAsync(userId, cancellationToken);
        return Describe(account is null
            ? AccountChange.NotFound
            : await users.SetPasswordAsync(userId, school, s_hasher.HashPassword(account.User, password), cancellationToken));
    }

    /// <summary>
    /// Gives an account of the school another role; its sessions end.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="school">The administrator's school.</param>
    /// <param name="role">A <see cref="UserRoles"/> word.</param>
    /// <param name="personId">The staff code for a Staff account.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome and, unless done, what is wrong.</returns>
    public async Task<(AccountChange Outcome, string? Error)> ChangeRoleAsync(long userId, string school, string role, string? personId, CancellationToken cancellationToken)
    {
        personId = string.IsNullOrWhiteSpace(personId) || role != UserRoles.Staff ? null : personId.Trim();
        return CheckRole(role, personId) is { } invalid
            ? (AccountChange.Invalid, invalid)
            : Describe(await users.ChangeRoleAsync(userId, school, role, personId, cancellationToken));
    }

    /// <summary>
    /// Disables (a leaver) or re-enables an account of the school; its sessions end.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="school">The administrator's school.</param>
    /// <param name="disabled">true to disable.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome and, unless done, what is wrong.</returns>
    public async Task<(AccountChange Outcome, string? Error)> SetDisabledAsync(long userId, string school, bool disabled, CancellationToken cancellationToken) =>
        Describe(await users.SetDisabledAsync(userId, school, disabled, cancellationToken));

    /// <summary>
    /// Deletes an account of the school; its sessions end. The audit log keeps its user name.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="school">The administrator's school.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome and, unless done, what is wrong.</returns>
    public async Task<(AccountChange Outcome, string? Error)> DeleteAsync(long userId, string school, CancellationToken cancellationToken) =>
        Describe(await users.DeleteAsync(userId, school, cancellationToken));

    /// <summary>
    /// Builds the cookie identity of an account, stamped with its security stamp and the sign-in time so that
    /// <see cref="SessionValidation"/> can end it.
    /// </summary>
    /// <param name="account">The account as stored.</param>
    /// <param name="signedIn">When the user signed in.</param>
    /// <returns>The principal to sign in.</returns>
    public static ClaimsPrincipal ToPrincipal(StoredAccount account, DateTimeOffset signedIn)
    {
        GatewayUser user = account.User;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(GatewayClaims.School, user.School),
            new(GatewayClaims.SecurityStamp, account.SecurityStamp),
            new(GatewayClaims.SignedIn, signedIn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (user.Role == UserRoles.Headteacher)
        {
            claims.Add(new Claim(ClaimTypes.Role, UserRoles.Slt));
        }

        if (user.PersonId is not null)
        {
            claims.Add(new Claim(GatewayClaims.PersonId, user.PersonId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static string? CheckPassword(string password) =>
        password.Length < MinimumPasswordLength ? $"Passwords are at least {MinimumPasswordLength} characters." : null;

    private static string? CheckRole(string role, string? personId)
    {
        if (!UserRoles.All.Contains(role))
        {
            return "Unknown role.";
        }

        return role == UserRoles.Staff && string.IsNullOrWhiteSpace(personId) ? "A Staff account must be linked to the member of staff (their staff code)." : null;
    }

    private static (AccountChange Outcome, string? Error) Describe(AccountChange change) => (change, change switch
    {
        AccountChange.Done => null,
        AccountChange.NotFound => "No such account in your school.",
        _ => "Refused: the school must keep at least one enabled administrator.",
    });
}
