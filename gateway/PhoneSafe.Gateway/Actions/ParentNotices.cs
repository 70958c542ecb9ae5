using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Makes parents aware that the office holds their child's phone, the one way the office console and the API do it:
/// records a notice given by hand (phone call, letter), e-mails it in the school's wording and retries what the mail
/// server could not take, exports it for the school's messaging system, and keeps the wording. Each action checks
/// its input, stores the outcome, writes the audit log and tells open pages.
/// </summary>
/// <param name="exceptions">Parent notices.</param>
/// <param name="notices">Template and deliveries.</param>
/// <param name="confiscations">Confiscations in class (they change the wording).</param>
/// <param name="dashboard">Pupil phones held now.</param>
/// <param name="people">Pupils and their cards.</param>
/// <param name="calendars">Home-time and the school's time zone.</param>
/// <param name="mail">The mail server.</param>
/// <param name="smtp">Retry settings.</param>
/// <param name="users">Audit log.</param>
/// <param name="live">Open pages.</param>
/// <param name="time">The clock.</param>
public sealed class ParentNotices(
    ExceptionStore exceptions,
    NoticeStore notices,
    ConfiscationStore confiscations,
    DashboardStore dashboard,
    PeopleStore people,
    CalendarStore calendars,
    IMailSender mail,
    IOptions<SmtpOptions> smtp,
    UserStore users,
    LiveUpdates live,
    TimeProvider time)
{
    /// <summary>The method recorded on a notice sent by e-mail.</summary>
    public const string EmailMethod = "e-mail";

    /// <summary>The method recorded on a notice exported for the school's messaging system.</summary>
    public const string ExportMethod = "messaging system";

    /// <summary>The actor name on retries made by the gateway itself.</summary>
    public const string RetryActor = "notices";

    /// <summary>
    /// Records that a pupil's parents were made aware by hand (phone call, letter, in person).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The notice.</param>
    /// <param name="actor">Who told the parents.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored notice, or the problems.</returns>
    public async Task<ActionOutcome<ParentNotice>> RecordAsync(string school, ParentNoticeRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var v = new Apis.Validation();
        v.School(school);
        string pupil = v.Required("pupilId", request.PupilId, 100);
        if (pupil.Length > 0 && !PeopleImporter.IsValidPersonId(pupil))
        {
            v.Add("pupilId", "Choose the pupil.");
        }

        string method = v.Required("method", request.Method, 100);
        if (request.NotifiedUtc is null)
        {
            v.Add("notifiedUtc", "is required (ISO 8601 with an offset, such as 2026-11-25T10:30:00Z)");
        }

        if (request.Note?.Length > 1000)
        {
            v.Add("note", "is at most 1000 characters");
        }

        if (!v.IsValid)
        {
            return new(null, v.Errors);
        }

        string by = actor.Name[..Math.Min(actor.Name.Length, 100)];
        string? note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        ParentNotice stored = await exceptions.AddNoticeAsync(new ParentNotice(0, school, pupil, request.NotifiedUtc!.Value, by, method, request.ParentRequested, note, default), cancellationToken);
        await actor.AuditAsync(users, school, "office:parent-notice", $"pupil={pupil}; method={method}; keepSafe={request.ParentRequested}", cancellationToken);
        live.Publish("custody");
        return new(stored);
    }

    /// <summary>
    /// E-mails a pupil's parents, in the school's wording, that the office holds the pupil's phone: tried at once,
    /// then again later while the server cannot take it (see <see cref="RetryDueAsync"/>). A sent e-mail is recorded
    /// as the parents made aware.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="request">Pupil and address.</param>
    /// <param name="actor">Who asked for it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The notice after its first attempt (sent, queued for a retry, or failed), or the problems.</returns>
    public async Task<ActionOutcome<NoticeDelivery>> EmailAsync(string school, NoticeEmailRequest request, Actor actor, CancellationToken cancellationToken)
    {
        if (!mail.Enabled)
        {
            return ActionOutcome<NoticeDelivery>.Invalid("to", "E-mail is not set up on this gateway (SmtpOptions); use the export for the messaging system.");
        }

        string to = request.To?.Trim() ?? string.Empty;
        if (to.Length is 0 or > 254 || !to.Contains('@', StringComparison.Ordinal) || !MimeKit.MailboxAddress.TryParse(to, out _))
        {
            return ActionOutcome<NoticeDelivery>.Invalid("to", "Give the parent's e-mail address.");
        }

        (Person? pupil, OfficeHolding? held) = await FindHeldAsync(school, request.PupilId, cancellationToken);
        if (pupil is null || held is null)
        {
            return ActionOutcome<NoticeDelivery>.Invalid("pupilId", pupil is null ? "Choose the pupil." : $"The office holds no phone of {pupil.DisplayName} now.");
        }

        (string subject, string body) = await ComposeAsync(school, pupil, held, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        NoticeDelivery queued = await notices.AddDeliveryAsync(
            new NoticeDelivery(0, school, pupil.PersonId, "email", to, subject, body, NoticeDeliveryStates.Queued, 0, null, now, actor.Name, now, now), cancellationToken);
        await actor.AuditAsync(users, school, "notice:email", $"pupil={pupil.PersonId}; delivery={queued.Id}", cancellationToken);
        return new(await AttemptAsync(queued, cancellationToken));
    }

    /// <summary>
    /// Tries again every queued e-mail whose time has come, of every school; called by the delivery worker.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many were tried.</returns>
    public async Task<int> RetryDueAsync(CancellationToken cancellationToken)
    {
        List<NoticeDelivery> due = await notices.ListDueAsync(time.GetUtcNow(), cancellationToken);
        foreach (NoticeDelivery delivery in due)
        {
            await AttemptAsync(delivery, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>
    /// Exports, for the school's messaging system (text messages or letters through the MIS), one row per pupil phone
    /// held now whose parents have not been made aware since it was taken in: pupil code, name, group, when, subject
    /// and text in the school's wording. Each row is recorded as a notice given through the messaging system, so
    /// export only when the file will be sent straight away.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="actor">Who exported.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The CSV text (UTF-8, header row, RFC 4180 quoting) and how many rows it has.</returns>
    public async Task<ActionOutcome<(string Csv, int Rows)>> ExportAsync(string school, Actor actor, CancellationToken cancellationToken)
    {
        var v = new Apis.Validation();
        v.School(school);
        if (!v.IsValid)
        {
            return new(default, v.Errors);
        }

        DateTimeOffset now = time.GetUtcNow();
        var csv = new StringBuilder("pupil_id,pupil_name,group,taken_in,subject,message\r\n");
        int rows = 0;
        SchoolCalendar? calendar = await calendars.LoadAsync(school, cancellationToken);
        foreach ((Person pupil, OfficeHolding held) in await ListHeldAsync(school, cancellationToken))
        {
            if ((await exceptions.ListNoticesAsync(school, pupil.PersonId, cancellationToken)).Any(n => n.NotifiedUtc >= held.SinceUtc))
            {
                continue;
            }

            (string subject, string body) = await ComposeAsync(school, pupil, held, cancellationToken);
            NoticeDelivery exported = await notices.AddDeliveryAsync(
                new NoticeDelivery(0, school, pupil.PersonId, "export", null, subject, body, NoticeDeliveryStates.Exported, 1, null, null, actor.Name, now, now), cancellationToken);
            await exceptions.AddNoticeAsync(new ParentNotice(0, school, pupil.PersonId, now, actor.Name, ExportMethod, false, $"exported, delivery {exported.Id}", default), cancellationToken);
            DateTime taken = calendar?.ToLocal(held.SinceUtc) ?? held.SinceUtc.UtcDateTime;
            csv.AppendJoin(',', Quote(pupil.PersonId), Quote(pupil.DisplayName), Quote(pupil.Group ?? string.Empty), Quote(taken.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), Quote(subject), Quote(body)).Append("\r\n");
            rows++;
        }

        await actor.AuditAsync(users, school, "notice:export", $"rows={rows}", cancellationToken);
        if (rows > 0)
        {
            live.Publish("custody");
        }

        return new((csv.ToString(), rows));
    }

    /// <summary>
    /// Saves the school's wording of the notice.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="request">Subject and body.</param>
    /// <param name="actor">Who saved it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The saved template, or the problems.</returns>
    public async Task<ActionOutcome<NoticeTemplate>> SaveTemplateAsync(string school, NoticeTemplateRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var v = new Apis.Validation();
        v.School(school);
        string subject = v.Required("subject", request.Subject, NoticeTemplate.MaxSubjectLength);
        string body = v.Required("body", request.Body, NoticeTemplate.MaxBodyLength);
        if (subject.Contains('\n', StringComparison.Ordinal) || subject.Contains('\r', StringComparison.Ordinal))
        {
            v.Add("subject", "is one line");
        }

        if (!body.Contains("{pupil}", StringComparison.Ordinal))
        {
            v.Add("body", "must name the pupil with {pupil}, so parents know which child it is about");
        }

        foreach (string unknown in UnknownPlaceholders(subject + body))
        {
            v.Add("body", $"{unknown} is not a placeholder; use {string.Join(", ", NoticeTemplate.Placeholders)}");
        }

        if (!v.IsValid)
        {
            return new(null, v.Errors);
        }

        NoticeTemplate saved = await notices.SaveTemplateAsync(school, subject, body.Replace("\r\n", "\n", StringComparison.Ordinal), actor.Name, cancellationToken);
        await actor.AuditAsync(users, school, "notice:template", $"subjectLength={subject.Length}; bodyLength={body.Length}", cancellationToken);
        return new(saved);
    }

    private static IEnumerable<string> UnknownPlaceholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{[^{}\s]*\}").Select(m => m.Value).Where(p => !NoticeTemplate.Placeholders.Contains(p)).Distinct();

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task<NoticeDelivery> AttemptAsync(NoticeDelivery delivery, CancellationToken cancellationToken)
    {
        MailResult result = await mail.SendAsync(delivery.Recipient!, delivery.Subject, delivery.Body, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        int attempts = delivery.Attempts + 1;
        SmtpOptions o = smtp.Value;
        NoticeDelivery next = result switch
        {
            { Accepted: true } => delivery with { Status = NoticeDeliveryStates.Sent, NextAttemptUtc = null },
            { Transient: true } when attempts < o.MaxAttempts =>
                delivery with { Status = NoticeDeliveryStates.Queued, NextAttemptUtc = now.AddSeconds(o.RetrySeconds * Math.Pow(2, attempts - 1)) },
            _ => delivery with { Status = NoticeDeliveryStates.Failed, NextAttemptUtc = null },
        };
        next = next with { Attempts = attempts, Response = result.Response[..Math.Min(result.Response.Length, 1000)], UpdatedUtc = now };
        await notices.UpdateDeliveryAsync(next, cancellationToken);
        if (result.Accepted)
        {
            await exceptions.AddNoticeAsync(
                new ParentNotice(0, delivery.School, delivery.PupilId, now, delivery.RequestedBy, EmailMethod, false, $"e-mail to {delivery.Recipient}, delivery {delivery.Id}", default), cancellationToken);
        }

        await users.AuditAsync(RetryActor, "notice:email-" + next.Status, $"school={delivery.School}; pupil={delivery.PupilId}; delivery={delivery.Id}; attempt={attempts}", "-", cancellationToken);
        live.Publish("custody");
        return next;
    }

    private async Task<(string Subject, string Body)> ComposeAsync(string school, Person pupil, OfficeHolding held, CancellationToken cancellationToken)
    {
        NoticeTemplate template = await notices.GetTemplateAsync(school, cancellationToken);
        SchoolCalendar? calendar = await calendars.LoadAsync(school, cancellationToken);
        DateTime taken = calendar?.ToLocal(held.SinceUtc) ?? held.SinceUtc.UtcDateTime;
        TimeOnly? home = calendar?.HomeTime(DateOnly.FromDateTime(taken));
        bool confiscated = (await confiscations.ListAsync(school, pupil.PersonId, held.SinceUtc.AddHours(-12), cancellationToken)).Any(c => c.BroughtIn(pupil.PersonId, held));
        return (NoticeTemplate.Fill(template.Subject, pupil.DisplayName, taken, home, confiscated), NoticeTemplate.Fill(template.Body, pupil.DisplayName, taken, home, confiscated));
    }

    private async Task<(Person? Pupil, OfficeHolding? Held)> FindHeldAsync(string school, string? pupilId, CancellationToken cancellationToken)
    {
        Person? pupil = string.IsNullOrWhiteSpace(pupilId) ? null : await people.FindAsync(school, pupilId.Trim(), cancellationToken);
        if (pupil is not { Kind: PersonKind.Pupil })
        {
            return (null, null);
        }

        HashSet<string> cards = [.. (await people.ListCredentialsAsync(school, pupil.PersonId, cancellationToken)).Select(c => c.Credential)];
        return (pupil, (await dashboard.GetOfficeHoldingsAsync(school, cancellationToken)).FirstOrDefault(h => cards.Contains(h.PupilCredential)));
    }

    private async Task<List<(Person Pupil, OfficeHolding Held)>> ListHeldAsync(string school, CancellationToken cancellationToken)
    {
        var held = new List<(Person, OfficeHolding)>();
        foreach (OfficeHolding holding in await dashboard.GetOfficeHoldingsAsync(school, cancellationToken))
        {
            if (await people.FindByCredentialAsync(school, holding.PupilCredential, cancellationToken) is { Kind: PersonKind.Pupil } pupil)
            {
                held.Add((pupil, holding));
            }
        }

        return held;
    }
}
