using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Moves a flag along its review (open → under investigation → resolved), the one way the Flag page and the API
/// do it: checks the step, records it in the flag's history under the signed-in user, audits it and tells open
/// Flags pages.
/// </summary>
/// <param name="flags">Flags and their history.</param>
/// <param name="users">Audit log.</param>
/// <param name="live">Tells other open Flags pages.</param>
public sealed class FlagReviews(FlagStore flags, UserStore users, LiveUpdates live)
{
    /// <summary>The longest note accepted, in characters.</summary>
    public const int MaxNoteLength = 4000;

    /// <summary>
    /// Records a review step.
    /// </summary>
    /// <param name="http">The request: who decides (recorded whatever else is claimed) and the audit line.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="id">Flag id.</param>
    /// <param name="status">The next status: under-investigation or resolved.</param>
    /// <param name="resolution">How it was resolved (explained, breach, false-alarm), only when resolving.</param>
    /// <param name="note">What was found, who was asked (up to <see cref="MaxNoteLength"/> characters).</param>
    /// <returns>The flag with its history; invalid, not found, or refused when the workflow does not allow the step.</returns>
    public async Task<Outcome<FlagDetails>> ReviewAsync(HttpContext http, string school, long id, string? status, string? resolution, string? note)
    {
        CancellationToken cancellationToken = http.RequestAborted;
        var v = new Validation();
        string next = v.Required("status", status);
        if (next.Length > 0)
        {
            v.OneOf("status", next, [FlagStatus.UnderInvestigation, FlagStatus.Resolved]);
        }

        if (resolution is not null)
        {
            v.OneOf("resolution", resolution, FlagResolution.All);
        }

        string text = v.Required("note", note, MaxNoteLength);
        string by = v.Required("by", http.User.Identity?.Name);
        if (!v.IsValid)
        {
            return Outcome<FlagDetails>.Invalid(v);
        }

        (Flag? flag, string? refusal) = await flags.ReviewAsync(school, id, next, resolution, text, by, cancellationToken);
        if (refusal is not null)
        {
            return Outcome<FlagDetails>.Refused(refusal);
        }

        if (flag is null)
        {
            return Outcome<FlagDetails>.NotFound($"no flag {id}");
        }

        await http.AuditAsync(users, "flag:reviewed", $"flag={id}; status={next}; resolution={resolution}");
        live.Publish("flags");
        return Outcome<FlagDetails>.Ok(new FlagDetails(flag, await flags.GetHistoryAsync(id, cancellationToken)));
    }
}
