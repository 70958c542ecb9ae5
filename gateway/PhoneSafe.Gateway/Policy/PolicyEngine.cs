using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Runs <see cref="PolicyEvaluator"/> over the ledger: every event stored since the last run (progress is persisted
/// with the flags, so nothing is missed or flagged twice across restarts), then the time-based checks (no deposit by
/// the start of contact time, lockers offline in the school day, parent-notice deadlines of pupil phone intakes).
/// </summary>
/// <param name="flags">Flags, progress and ledger views.</param>
/// <param name="calendars">School calendars.</param>
/// <param name="exceptions">Recorded exceptions and parent notices.</param>
/// <param name="people">Staff, pupils and credentials.</param>
/// <param name="dashboard">Pupil phones held at office units (for phones not collected).</param>
/// <param name="options">Batch size and the not-collected delay.</param>
/// <param name="expiry">Expiry rules.</param>
/// <param name="time">The clock.</param>
public sealed class PolicyEngine(
    FlagStore flags,
    CalendarStore calendars,
    ExceptionStore exceptions,
    PeopleStore people,
    DashboardStore dashboard,
    IOptions<PolicyOptions> options,
    IOptions<FlagExpiryOptions> expiry,
    TimeProvider time)
{
    private const int PersonEventsScanned = 50;

    /// <summary>
    /// Evaluates everything due now.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many flags were raised, refreshed (daily summaries) or closed by an expiry rule.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var context = new Dictionary<string, (SchoolCalendar? Calendar, IReadOnlyList<PolicyException> Exceptions)>(StringComparer.Ordinal);
        int changed = await EvaluateNewEventsAsync(context, cancellationToken);
        changed += await EvaluateDeadlinesAsync(context, cancellationToken);
        changed += await EvaluateDailyChecksAsync(context, cancellationToken);
        changed += await CloseExpiredAsync(cancellationToken);
        return changed;
    }

    private async Task<int> CloseExpiredAsync(CancellationToken cancellationToken)
    {
        int closed = 0;
        DateTimeOffset now = time.GetUtcNow();
        foreach ((string kind, int days) in expiry.Value.AutoCloseDays.Where(r => r.Value > 0))
        {
            closed += await flags.CloseExpiredAsync(kind, now.AddDays(-days), $"closed by the expiry rule: open {kind} flags close after {days} days", cancellationToken);
        }

        return closed;
    }

    private async Task<int> EvaluateNewEventsAsync(Dictionary<string, (SchoolCalendar?, IReadOnlyList<PolicyException>)> context, CancellationToken cancellationToken)
    {
        int raised = 0;
        int batchSize = Math.Max(1, options.Value.BatchSize);
        while (true)
        {
            long last = await flags.GetLastEvaluatedAsync(cancellationToken);
            List<StoredEvent> events = await flags.GetEventsAfterAsync(last, batchSize, cancellationToken);
            if (events.Count == 0)
            {
                return raised;
            }

            var drafts = new List<(string, FlagDraft)>();
            var deadlines = new List<IntakeDeadline>();
            foreach (StoredEvent e in events)
            {
                (SchoolCalendar? calendar, IReadOnlyList<PolicyException> recorded) = await ContextAsync(context, e.School, cancellationToken);
                Person? actor = string.IsNullOrEmpty(e.Credential) ? null : await people.FindByCredentialAsync(e.School, e.Credential, cancellationToken);
                Person? subject = e.HasSubject ? await people.FindByCredentialAsync(e.School, e.Subject, cancellationToken) : null;
                drafts.AddRange(PolicyEvaluator.EvaluateEvent(e, actor, subject, calendar, recorded).Select(d => (e.School, d)));
                if (calendar is not null && e.Type == EventType.Deposit && e.HasSubject)
                {
                    deadlines.Add(new IntakeDeadline(e.School, e.Id, e.PlacedUtc.AddHours(calendar.Definition.ParentNoticeHours)));
                }
            }

            raised += await flags.CommitAsync(drafts, deadlines, [], events[^1].Id, cancellationToken);
            if (events.Count < batchSize)
            {
                return raised;
            }
        }
    }

    private async Task<int> EvaluateDeadlinesAsync(Dictionary<string, (SchoolCalendar?, IReadOnlyList<PolicyException>)> context, CancellationToken cancellationToken)
    {
        int raised = 0;
        foreach (IntakeDeadline deadline in await flags.GetDueDeadlinesAsync(time.GetUtcNow(), cancellationToken))
        {
            (SchoolCalendar? calendar, IReadOnlyList<PolicyException> recorded) = await ContextAsync(context, deadline.School, cancellationToken);
            StoredEvent? intake = await flags.GetEventAsync(deadline.EventId, cancellationToken);
            var drafts = new List<(string, FlagDraft)>();
            if (calendar is not null && intake is not null)
            {
                Person? pupil = await people.FindByCredentialAsync(intake.School, intake.Subject, cancellationToken);
                List<ParentNotice> notices = pupil is null ? [] : await exceptions.ListNoticesAsync(intake.School, pupil.PersonId, cancellationToken);
                drafts.AddRange(PolicyEvaluator.EvaluateIntake(intake, pupil, calendar, recorded, notices, calendar.Definition.ParentNoticeHours).Select(d => (intake.School, d)));
            }

            raised += await flags.CommitAsync(drafts, [], [(deadline.School, deadline.EventId)], null, cancellationToken);
        }

        return raised;
    }

    private async Task<int> EvaluateDailyChecksAsync(Dictionary<string, (SchoolCalendar?, IReadOnlyList<PolicyException>)> context, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        var drafts = new List<(string, FlagDraft)>();
        foreach (string school in await calendars.ListSchoolsAsync(cancellationToken))
        {
            (SchoolCalendar? calendar, IReadOnlyList<PolicyException> recorded) = await ContextAsync(context, school, cancellationToken);
            if (calendar is null)
            {
                continue;
            }

            DateOnly today = calendar.LocalDate(now);
            var missing = new List<NoDepositEntry>();
            int begun = 0;
            foreach (Person staff in await people.ListAsync(school, PersonKind.Staff, cancellationToken))
            {
                IReadOnlyList<TimeWindow> windows = calendar.ContactWindows(today, staff.PersonId);
                if (windows.Count == 0 || now < calendar.ToUtc(today, windows[0].Start))
                {
                    continue;
                }

                begun++;
                List<StoredEvent> own = await flags.GetCustodyEventsOfAsync(school, staff.PersonId, PersonEventsScanned, cancellationToken);
                if (PolicyEvaluator.EvaluateNoDeposit(staff, today, calendar, recorded, own) is NoDepositEntry entry)
                {
                    missing.Add(entry);
                }
            }

            if (PolicyEvaluator.SummariseNoDeposit(today, missing, begun, calendar) is FlagDraft summary)
            {
                drafts.Add((school, summary));
            }

            int grace = options.Value.NotCollectedAfterMinutes;
            foreach (OfficeHolding held in await dashboard.GetOfficeHoldingsAsync(school, cancellationToken))
            {
                Person? pupil = await people.FindByCredentialAsync(school, held.PupilCredential, cancellationToken);
                if (PolicyEvaluator.EvaluateNotCollected(held, pupil, now, calendar, grace) is FlagDraft uncollected)
                {
                    drafts.Add((school, uncollected));
                }
            }

            foreach ((string locker, string? status, DateTimeOffset? statusUtc) in await flags.GetLockerStatusesAsync(school, cancellationToken))
            {
                if (PolicyEvaluator.EvaluateOffline(locker, status, statusUtc, now, calendar) is FlagDraft offline)
                {
                    drafts.Add((school, offline));
                }
            }
        }

        return drafts.Count == 0 ? 0 : await flags.CommitAsync(drafts, [], [], null, cancellationToken);
    }

    private async Task<(SchoolCalendar? Calendar, IReadOnlyList<PolicyException> Exceptions)> ContextAsync(
        Dictionary<string, (SchoolCalendar?, IReadOnlyList<PolicyException>)> context, string school, CancellationToken cancellationToken)
    {
        if (!context.TryGetValue(school, out (SchoolCalendar?, IReadOnlyList<PolicyException>) found))
        {
            found = (await calendars.LoadAsync(school, cancellationToken), await exceptions.ListAsync(school, null, null, null, cancellationToken));
            context[school] = found;
        }

        return found;
    }
}
