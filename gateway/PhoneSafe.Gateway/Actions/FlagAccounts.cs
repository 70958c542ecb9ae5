using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Lets a member of staff give their own account of a flag about them, the one way /me and the API do it: only their
/// own flags, only until the flag is resolved (then it stands as SLT read it), audited, and shown on the flag's page.
/// </summary>
/// <param name="flags">Flags.</param>
/// <param name="store">Accounts.</param>
/// <param name="users">Audit log.</param>
/// <param name="live">Open pages.</param>
/// <param name="time">The clock.</param>
public sealed class FlagAccounts(FlagStore flags, FlagAccountStore store, UserStore users, LiveUpdates live, TimeProvider time)
{
    /// <summary>The longest account, in characters.</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// Writes or rewrites the signed-in member of staff's account of a flag.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="flagId">The flag.</param>
    /// <param name="request">The account.</param>
    /// <param name="actor">The member of staff (their account must be linked to the flag's person).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored account, or the problems (a flag not theirs reads as not found).</returns>
    public async Task<ActionOutcome<FlagAccount>> SaveAsync(string school, long flagId, FlagAccountRequest request, Actor actor, CancellationToken cancellationToken)
    {
        Flag? flag = await flags.GetAsync(school, flagId, cancellationToken);
        if (flag is null || actor.PersonId is null || flag.PersonId != actor.PersonId)
        {
            return ActionOutcome<FlagAccount>.Invalid("flag", "No such flag about you.");
        }

        if (flag.Status is FlagStatus.Resolved or FlagStatus.Suppressed)
        {
            return ActionOutcome<FlagAccount>.Invalid("flag", "This flag is closed: your account can no longer be changed.");
        }

        string text = request.Text?.Trim() ?? string.Empty;
        if (text.Length is 0 or > MaxLength)
        {
            return ActionOutcome<FlagAccount>.Invalid("text", $"Write your account, up to {MaxLength} characters.");
        }

        var account = new FlagAccount(flagId, school, actor.PersonId, text, actor.Name, time.GetUtcNow());
        await store.SaveAsync(account, cancellationToken);
        await actor.AuditAsync(users, school, "flag:own-account", $"flag={flagId}; person={actor.PersonId}; length={text.Length}", cancellationToken);
        live.Publish("flags");
        return new(account);
    }
}
