using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// The school's wording of the notice telling parents the office holds their child's phone (SLT, Admin), with a
/// preview for an example pupil.
/// </summary>
/// <param name="store">The saved wording.</param>
/// <param name="notices">Saves it.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Compliance)]
public sealed class NoticeTemplateModel(NoticeStore store, ParentNotices notices, UserStore users) : PageModel
{
    /// <summary>Gets or sets the subject line.</summary>
    [BindProperty]
    public string? Subject { get; set; }

    /// <summary>Gets or sets the text.</summary>
    [BindProperty]
    public string? Body { get; set; }

    /// <summary>Gets who last saved the wording and when, or null for the built-in wording.</summary>
    public string? Saved { get; private set; }

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    /// <summary>Gets the preview subject.</summary>
    public string PreviewSubject => Policy.NoticeTemplate.Fill(Subject ?? string.Empty, "Sam Example", new DateTime(2026, 11, 25, 9, 5, 0), new TimeOnly(15, 20), false);

    /// <summary>Gets the preview text.</summary>
    public string PreviewBody => Policy.NoticeTemplate.Fill(Body ?? string.Empty, "Sam Example", new DateTime(2026, 11, 25, 9, 5, 0), new TimeOnly(15, 20), false);

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    /// <summary>Shows the wording.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        Policy.NoticeTemplate template = await store.GetTemplateAsync(School, HttpContext.RequestAborted);
        (Subject, Body) = (template.Subject, template.Body);
        Saved = Describe(template);
        await HttpContext.AuditAsync(users, "view:notice-template");
        return Page();
    }

    /// <summary>Saves the wording.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        ActionOutcome<Policy.NoticeTemplate> outcome = await notices.SaveTemplateAsync(School, new NoticeTemplateRequest(Subject, Body), Actor.Of(HttpContext), HttpContext.RequestAborted);
        if (outcome.Value is { } saved)
        {
            Message = "Saved: notices from now on use this wording.";
            Saved = Describe(saved);
        }
        else
        {
            (IsError, Message) = (true, outcome.Problem);
        }

        return Page();
    }

    private static string? Describe(Policy.NoticeTemplate template) =>
        template.UpdatedBy == "-" ? null : $"Last saved by {template.UpdatedBy} at {template.UpdatedUtc:yyyy-MM-dd HH:mm} UTC.";
}
