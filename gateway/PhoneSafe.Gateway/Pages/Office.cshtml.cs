using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// The office console (Office, SLT, Admin): pupil phones held now (handed in, or confiscated in class and brought to
/// the office), "parents made aware" notices (recorded by hand, e-mailed in the school's wording, or exported for the
/// messaging system, with keep-safe requests and whether Headteacher consent exists), and releases at home-time (one or
/// many) or early with a reason. The console drives the office unit: "take in" unlocks a compartment for a pupil's phone and a release
/// unlocks the compartment holding it (signed intake and release commands), recorded by the unit exactly as an office
/// badge followed by the pupil's card would be. The badges still work when the console is not to hand.
/// </summary>
/// <param name="dashboard">Office custody and release records.</param>
/// <param name="people">Pupil names.</param>
/// <param name="exceptions">Parent notices and Headteacher consents.</param>
/// <param name="calendars">Home-time.</param>
/// <param name="time">The clock.</param>
/// <param name="users">Audit log.</param>
/// <param name="registry">The office units.</param>
/// <param name="commands">Sends intake and release commands.</param>
/// <param name="notices">Parent notices: recorded, e-mailed, exported.</param>
/// <param name="confiscations">Confiscations in class.</param>
/// <param name="noticeStore">Deliveries of notices.</param>
/// <param name="confiscationStore">Recent confiscations.</param>
/// <param name="mail">Whether e-mail is set up.</param>
[Authorize(Policy = Policies.Office)]
public sealed class OfficeModel(
    DashboardStore dashboard,
    PeopleStore people,
    ExceptionStore exceptions,
    CalendarStore calendars,
    TimeProvider time,
    UserStore users,
    LockerRegistryStore registry,
    LockerCommands commands,
    ParentNotices notices,
    Confiscations confiscations,
    NoticeStore noticeStore,
    ConfiscationStore confiscationStore,
    IMailSender mail) : PageModel
{
    /// <summary>How notices can be given.</summary>
    public static readonly IReadOnlyList<string> Methods = ["phone", "text message", "e-mail", "in person", "letter"];

    /// <summary>Gets the phones held now.</summary>
    public IReadOnlyList<OfficeRow> Rows { get; private set; } = [];

    /// <summary>Gets today's home-time, when there is a calendar and today is a school day.</summary>
    public TimeOnly? HomeTime { get; private set; }

    /// <summary>Gets a value indicating whether it is before home-time now (a release now is early).</summary>
    public bool BeforeHomeTime { get; private set; }

    /// <summary>Gets the releases recorded today.</summary>
    public IReadOnlyList<OfficeRelease> Released { get; private set; } = [];

    /// <summary>Gets or sets the rows chosen for release ("locker:sequence").</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    /// <summary>Gets or sets the single row released with its own button.</summary>
    [BindProperty]
    public string? One { get; set; }

    /// <summary>Gets or sets the reason for an early release.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Gets or sets the pupil a notice is about.</summary>
    [BindProperty]
    public string? NoticePupil { get; set; }

    /// <summary>Gets or sets the local time the parents were told (HH:mm today; default now).</summary>
    [BindProperty]
    public string? NoticeTime { get; set; }

    /// <summary>Gets or sets how the parents were told.</summary>
    [BindProperty]
    public string? NoticeMethod { get; set; }

    /// <summary>Gets or sets a value indicating whether the parents asked the office to keep the phone safe.</summary>
    [BindProperty]
    public bool NoticeKeepSafe { get; set; }

    /// <summary>Gets or sets a note.</summary>
    [BindProperty]
    public string? NoticeNote { get; set; }

    /// <summary>Gets the school's office units.</summary>
    public IReadOnlyList<string> OfficeUnits { get; private set; } = [];

    /// <summary>Gets or sets the pupil whose phone is taken in from the console.</summary>
    [BindProperty]
    public string? IntakePupil { get; set; }

    /// <summary>Gets or sets the office unit it goes into.</summary>
    [BindProperty]
    public string? IntakeUnit { get; set; }

    /// <summary>Gets or sets a value indicating whether a teacher confiscated the phone in class.</summary>
    [BindProperty]
    public bool Confiscated { get; set; }

    /// <summary>Gets or sets the staff code of the teacher who confiscated it.</summary>
    [BindProperty]
    public string? ConfiscatedBy { get; set; }

    /// <summary>Gets or sets the local time it was confiscated (HH:mm today; default now).</summary>
    [BindProperty]
    public string? ConfiscatedAt { get; set; }

    /// <summary>Gets or sets the lesson, if known.</summary>
    [BindProperty]
    public string? Lesson { get; set; }

    /// <summary>Gets or sets the room, if known.</summary>
    [BindProperty]
    public string? Room { get; set; }

    /// <summary>Gets or sets the pupil whose parents are e-mailed.</summary>
    [BindProperty]
    public string? EmailPupil { get; set; }

    /// <summary>Gets or sets the parent's e-mail address.</summary>
    [BindProperty]
    public string? EmailTo { get; set; }

    /// <summary>Gets a value indicating whether e-mail is set up on this gateway.</summary>
    public bool EmailEnabled { get; private set; }

    /// <summary>Gets the notices e-mailed or exported today, newest first.</summary>
    public IReadOnlyList<NoticeDelivery> Deliveries { get; private set; } = [];

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    /// <summary>Shows the console.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync("view:office");
        return Page();
    }

    /// <summary>Returns only the held-phones table, for the live refresh.</summary>
    /// <returns>The fragment.</returns>
    public async Task<IActionResult> OnGetHeldAsync()
    {
        await LoadAsync("view:office-refresh");
        return Partial("_OfficeHeld", this);
    }

    /// <summary>Takes a pupil's phone in: the office unit unlocks a compartment for it.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostIntakeAsync()
    {
        string? confiscation = null;
        if (Confiscated)
        {
            if (await LocalTimeAsync(ConfiscatedAt) is not DateTimeOffset at)
            {
                return await FailAsync("Give the time it was confiscated as HH:mm, such as 10:30.");
            }

            ActionOutcome<Confiscation> recorded = await confiscations.RecordAsync(
                School, new ConfiscationRequest(IntakePupil, ConfiscatedBy, at, Lesson, Room), Actor.Of(HttpContext), HttpContext.RequestAborted);
            if (recorded.Value is not { } c)
            {
                return await FailAsync(recorded.Problem);
            }

            confiscation = $"Recorded: confiscated in class by {c.ConfiscatedBy}. ";
            Confiscated = false;
            ConfiscatedBy = ConfiscatedAt = Lesson = Room = null;
        }

        var result = await CommandsApi.SendCommandAsync(School, IntakeUnit ?? string.Empty, new SendCommandRequest(CommandName.Intake, PersonId: IntakePupil?.Trim()), commands, users, HttpContext);
        (bool ok, string message) = ResultMessage.Describe(result.Result, $"{confiscation}{IntakeUnit} is unlocking a compartment for the phone of {IntakePupil?.Trim()}: put it in and close the door.");
        if (!ok)
        {
            return await FailAsync(message);
        }

        Message = message;
        IntakePupil = null;
        await LoadAsync("view:office");
        return Page();
    }

    /// <summary>Records parents made aware by hand.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostNoticeAsync()
    {
        if (await LocalTimeAsync(NoticeTime) is not DateTimeOffset notified)
        {
            return await FailAsync("Give the time as HH:mm, such as 10:30.");
        }

        // The signed-in account told the parents: a name typed in could be anyone's.
        ActionOutcome<ParentNotice> outcome = await notices.RecordAsync(
            School, new ParentNoticeRequest(NoticePupil, notified, NoticeMethod, NoticeKeepSafe, NoticeNote), Actor.Of(HttpContext), HttpContext.RequestAborted);
        if (outcome.Value is not { } stored)
        {
            return await FailAsync(outcome.Problem);
        }

        Message = $"Recorded: parents of {stored.PupilId} made aware ({stored.Method}, by {stored.NotifiedBy}).";
        NoticePupil = NoticeTime = NoticeNote = null;
        NoticeKeepSafe = false;
        await LoadAsync("view:office");
        return Page();
    }

    /// <summary>E-mails a pupil's parents in the school's wording.</summary>
    /// <returns>The page with the outcome (sent, queued for a retry, or failed with the server's answer).</returns>
    public async Task<IActionResult> OnPostEmailAsync()
    {
        ActionOutcome<NoticeDelivery> outcome = await notices.EmailAsync(School, new NoticeEmailRequest(EmailPupil, EmailTo), Actor.Of(HttpContext), HttpContext.RequestAborted);
        if (outcome.Value is not { } delivery)
        {
            return await FailAsync(outcome.Problem);
        }

        if (delivery.Status == NoticeDeliveryStates.Failed)
        {
            return await FailAsync($"The e-mail to the parents of {delivery.PupilId} was not sent: {delivery.Response}");
        }

        Message = delivery.Status == NoticeDeliveryStates.Sent
            ? $"E-mail sent to the parents of {delivery.PupilId}; recorded as parents made aware."
            : $"The mail server could not take the e-mail to the parents of {delivery.PupilId} now ({delivery.Response}); it will be tried again.";
        EmailPupil = EmailTo = null;
        await LoadAsync("view:office");
        return Page();
    }

    /// <summary>Downloads the notices for the school's messaging system (each row recorded as a notice).</summary>
    /// <returns>The CSV file, or the page when there is nothing to export.</returns>
    public async Task<IActionResult> OnPostExportAsync()
    {
        ActionOutcome<(string Csv, int Rows)> outcome = await notices.ExportAsync(School, Actor.Of(HttpContext), HttpContext.RequestAborted);
        if (!outcome.Done)
        {
            return await FailAsync(outcome.Problem);
        }

        if (outcome.Value.Rows == 0)
        {
            Message = "Nothing to export: the parents of every pupil whose phone is held have been made aware.";
            await LoadAsync("view:office");
            return Page();
        }

        return File(System.Text.Encoding.UTF8.GetBytes(outcome.Value.Csv), "text/csv; charset=utf-8", $"parent-notices-{School}.csv");
    }

    /// <summary>Records the release of one phone (its own button) or of every selected phone.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostReleaseAsync()
    {
        await LoadAsync(null);
        List<string> keys = One is not null ? [One] : Selected;
        List<OfficeRow> chosen = Rows.Where(r => keys.Contains(r.Key) && r.Release is null).ToList();
        if (chosen.Count == 0)
        {
            return await FailAsync("Choose at least one phone that has not been released yet.");
        }

        string? reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim()[..Math.Min(Reason.Trim().Length, 1000)];
        if (BeforeHomeTime && reason is null)
        {
            return await FailAsync($"It is before home-time ({HomeTime:HH\\:mm}): an early release needs a reason.");
        }

        var opening = new List<string>();
        foreach (OfficeRow row in chosen)
        {
            await dashboard.RecordReleaseAsync(new OfficeRelease(0, School, row.PupilId, row.Holding.Locker, row.Holding.Compartment, row.Holding.Sequence, BeforeHomeTime, BeforeHomeTime ? reason : null, User.Identity?.Name ?? "-", default), HttpContext.RequestAborted);
            await HttpContext.AuditAsync(users, BeforeHomeTime ? "office:early-release" : "office:release", $"pupil={row.PupilId}; locker={row.Holding.Locker}; compartment={row.Holding.Compartment}");
            if (row.Pupil is not null)
            {
                var sent = await CommandsApi.SendCommandAsync(School, row.Holding.Locker, new SendCommandRequest(CommandName.Release, PersonId: row.Pupil.PersonId), commands, users, HttpContext);
                if (sent.Result is Microsoft.AspNetCore.Http.HttpResults.Accepted<LockerCommandRecord>)
                {
                    opening.Add($"{row.Pupil.DisplayName} (compartment {row.Holding.Compartment})");
                }
            }
        }

        Message = $"Release recorded for {string.Join(", ", chosen.Select(r => r.Pupil?.DisplayName ?? r.PupilId))}. "
            + (opening.Count == 0 ? string.Empty : $"The office unit is unlocking the phone of {string.Join(", ", opening)}. ")
            + (opening.Count == chosen.Count ? string.Empty : "Hand over any other phone at the office unit: office badge, then the pupil's card.");
        Reason = null;
        Selected = [];
        await LoadAsync("view:office");
        return Page();
    }

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    private async Task<DateTimeOffset?> LocalTimeAsync(string? text)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(text))
        {
            return now;
        }

        if (!TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly at))
        {
            return null;
        }

        SchoolCalendar? calendar = await calendars.LoadAsync(School, HttpContext.RequestAborted);
        return calendar is null
            ? new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(at), TimeSpan.Zero)
            : calendar.ToUtc(calendar.LocalDate(now), at);
    }

    private async Task<IActionResult> FailAsync(string message)
    {
        (IsError, Message) = (true, message);
        await LoadAsync("view:office");
        return Page();
    }

    private async Task LoadAsync(string? auditAction)
    {
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        string school = School;
        DateTimeOffset now = time.GetUtcNow();
        SchoolCalendar? calendar = await calendars.LoadAsync(school, cancellationToken);
        DateOnly today = calendar?.LocalDate(now) ?? DateOnly.FromDateTime(now.UtcDateTime);
        HomeTime = calendar?.HomeTime(today);
        BeforeHomeTime = calendar is not null && HomeTime is TimeOnly home && now < calendar.ToUtc(today, home);
        DateTimeOffset startOfDay = calendar?.ToUtc(today, TimeOnly.MinValue) ?? new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        List<OfficeRelease> releases = await dashboard.ListReleasesAsync(school, startOfDay.AddDays(-7), cancellationToken);
        List<PolicyException> consents = await exceptions.ListAsync(school, ExceptionKind.HeadteacherConsent, null, today, cancellationToken);
        List<Confiscation> confiscated = await confiscationStore.ListAsync(school, null, startOfDay.AddDays(-7), cancellationToken);
        List<NoticeDelivery> deliveries = await noticeStore.ListDeliveriesAsync(school, startOfDay.AddDays(-7), cancellationToken);
        var rows = new List<OfficeRow>();
        foreach (OfficeHolding holding in await dashboard.GetOfficeHoldingsAsync(school, cancellationToken))
        {
            Person? pupil = await people.FindByCredentialAsync(school, holding.PupilCredential, cancellationToken);
            List<ParentNotice> notices = pupil is null ? [] : (await exceptions.ListNoticesAsync(school, pupil.PersonId, cancellationToken))
                .Where(n => n.NotifiedUtc >= holding.SinceUtc.AddHours(-12)).ToList();
            rows.Add(new OfficeRow(
                holding,
                pupil,
                notices,
                pupil is null ? null : consents.FirstOrDefault(c => c.PersonId == pupil.PersonId),
                releases.FirstOrDefault(r => r.Locker == holding.Locker && r.IntakeSequence == holding.Sequence),
                pupil is null ? null : confiscated.LastOrDefault(c => c.BroughtIn(pupil.PersonId, holding)),
                pupil is null ? [] : [.. deliveries.Where(d => d.PupilId == pupil.PersonId && d.CreatedUtc >= holding.SinceUtc)]));
        }

        Rows = rows;
        Released = releases.Where(r => r.AtUtc >= startOfDay).ToList();
        Deliveries = [.. deliveries.Where(d => d.CreatedUtc >= startOfDay)];
        EmailEnabled = mail.Enabled;
        OfficeUnits = (await registry.ListUnitsAsync(school, cancellationToken)).Where(u => u.Kind == LockerKind.Office).Select(u => u.Locker).ToList();
        if (auditAction is not null)
        {
            await HttpContext.AuditAsync(users, auditAction, $"school={school}; rows={rows.Count}");
        }
    }
}
