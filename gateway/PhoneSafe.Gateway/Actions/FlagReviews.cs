using System.Globalization;
using System.Security.Claims;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Reviews flags, one or several at once with one outcome and note (the Flags page's bulk triage, a flag's own page and
/// the API): checks the step, stores it in each flag's history under the signed-in user, audits it and tells open
/// Flags pages. Several flags are reviewed all or nothing.
/// </summary>
/// <param name="flags">Flags.</param>
/// <param name="users">Audit log.</param>
/// <param name="live">Tells open pages.</param>
public sealed class FlagReviews(FlagStore flags, UserStore users, LiveUpdates live)
{
    /// <summary>The most flags reviewed in one step.</summary>
    public const int MaxFlags = 500;

    /// <summary>The longest note, in characters.</summary>
    public const int MaxNoteLength = 4000;

    /// <summary>
    /// Reviews flags.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="ids">The flags (1 to <see cref="MaxFlags"/>).</param>
    /// <param name="request">The step: status, resolution when resolving, and the note (its By is ignored).</param>
    /// <param name="user">Who decided (recorded in the history and the audit log).</param>
    /// <param name="remote">The client's address, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The reviewed flags; 400 for a bad step, 404 naming missing flags, 409 when a flag cannot take the step.</returns>
    public async Task<ActionOutcome<IReadOnlyList<Flag>>> ReviewAsync(
        string school, IReadOnlyList<long> ids, FlagReviewRequest request, ClaimsPrincipal user, string remote, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (ids.Count is 0 or > MaxFlags)
        {
            v.Add("ids", $"choose 1 to {MaxFlags} flags");
        }

        string status = v.Required("status", request.Status);
        if (status.Length > 0)
        {
            v.OneOf("status", status, [FlagStatus.UnderInvestigation, FlagStatus.Resolved]);
        }

        if (status == FlagStatus.Resolved && request.Resolution is null)
        {
            v.Add("resolution", "choose the outcome: " + string.Join(", ", FlagResolution.All));
        }
        else if (request.Resolution is not null)
        {
            v.OneOf("resolution", request.Resolution, FlagResolution.All);
        }

        string note = v.Required("note", request.Note, MaxNoteLength);
        string by = user.Identity?.Name ?? string.Empty;
        if (by.Length == 0)
        {
            v.Add("by", "sign in to review flags");
        }

        if (!v.IsValid)
        {
            return ActionOutcome<IReadOnlyList<Flag>>.Refused(StatusCodes.Status400BadRequest, v.Errors);
        }

        string? resolution = status == FlagStatus.Resolved ? request.Resolution : null;
        (IReadOnlyList<long> missing, IReadOnlyList<string> refusals) = await flags.ReviewAsync(school, ids, status, resolution, note, by, cancellationToken);
        if (missing.Count > 0)
        {
            return ActionOutcome<IReadOnlyList<Flag>>.Refused(
                StatusCodes.Status404NotFound, new Dictionary<string, string[]> { ["ids"] = [$"no flag {string.Join(", ", missing)}"] });
        }

        if (refusals.Count > 0)
        {
            return ActionOutcome<IReadOnlyList<Flag>>.Refused(StatusCodes.Status409Conflict, new Dictionary<string, string[]> { ["status"] = [.. refusals] });
        }

        string list = string.Join(' ', ids.Distinct().Select(i => i.ToString(CultureInfo.InvariantCulture)));
        await users.AuditAsync(by, "flag:reviewed", AuditExtensions.ScopedDetail(school, $"flags={list}; status={status}; resolution={resolution}"), remote, cancellationToken);
        live.Publish("flags");
        var reviewed = new List<Flag>();
        foreach (long id in ids.Distinct())
        {
            if (await flags.GetAsync(school, id, cancellationToken) is Flag flag)
            {
                reviewed.Add(flag);
            }
        }

        return ActionOutcome<IReadOnlyList<Flag>>.Ok(reviewed);
    }
}
