using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Pupil phones at the office: parents made aware (recorded by hand, e-mailed, exported for the school's messaging
/// system, with each notice's delivery), the school's wording of the notice, and phones confiscated in class.
/// Every write goes through <see cref="ParentNotices"/> or <see cref="Confiscations"/>, as the office console's do.
/// </summary>
public static class ParentNoticesApi
{
    /// <summary>How far back the delivery list goes, in days.</summary>
    public const int DeliveryDays = 7;

    /// <summary>
    /// Maps /api/schools/{school}/parent-notices, /api/schools/{school}/notice-template and /api/schools/{school}/confiscations.
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapParentNoticesApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}").WithTags("Parent notices").AddEndpointFilter<SchoolScopeFilter>();
        api.MapGet("/parent-notices", ListNoticesAsync).WithName("ListParentNotices").WithSummary("Records that parents were made aware, of one pupil with ?pupil=.").RequireAuthorization(Policies.Office);
        api.MapPost("/parent-notices", AddNoticeAsync).WithName("AddParentNotice").WithSummary("Records that a pupil's parents were made aware that the office holds the phone.").RequireAuthorization(Policies.Office);
        api.MapPost("/parent-notices/email", EmailNoticeAsync).WithName("EmailParentNotice")
            .WithSummary("E-mails a pupil's parents in the school's wording; 201 with the delivery (sent, queued for a retry, or failed with the server's answer).").RequireAuthorization(Policies.Office);
        api.MapGet("/parent-notices/deliveries", ListDeliveriesAsync).WithName("ListNoticeDeliveries").WithSummary("Notices e-mailed or exported in the last 7 days, newest first, with their state.").RequireAuthorization(Policies.Office);
        api.MapPost("/parent-notices/export", ExportNoticesAsync).WithName("ExportParentNotices")
            .WithSummary("CSV for the school's messaging system: one row per pupil phone held whose parents have not been told; each row is recorded as a notice.").RequireAuthorization(Policies.Office);
        api.MapGet("/notice-template", GetTemplateAsync).WithName("GetNoticeTemplate").WithSummary("The school's wording of the notice to parents.").RequireAuthorization(Policies.Office);
        api.MapPut("/notice-template", SaveTemplateAsync).WithName("SaveNoticeTemplate").WithSummary("Saves the school's wording of the notice to parents (SLT, Admin).").RequireAuthorization(Policies.Compliance);
        api.MapPost("/confiscations", AddConfiscationAsync).WithName("AddConfiscation").WithSummary("Records a pupil's phone confiscated in class and handed to the office.").RequireAuthorization(Policies.Office);
        api.MapGet("/confiscations", ListConfiscationsAsync).WithName("ListConfiscations").WithSummary("Confiscations in class of the last 7 days, of one pupil with ?pupil=.").RequireAuthorization(Policies.Office);
        return app;
    }

    /// <summary>Lists parent notices.</summary>
    /// <param name="store">Exceptions and notices.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="pupil">Pupil (optional).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The notices.</returns>
    public static async Task<Ok<List<ParentNotice>>> ListNoticesAsync(ExceptionStore store, string school, string? pupil, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListNoticesAsync(school, pupil, cancellationToken));

    /// <summary>Records a parent notice given by hand.</summary>
    /// <param name="notices">The notice service.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The notice.</param>
    /// <param name="http">The request: the signed-in user is recorded as who told the parents.</param>
    /// <returns>201 with the notice, or 400.</returns>
    public static async Task<Results<Created<ParentNotice>, ValidationProblem>> AddNoticeAsync(ParentNotices notices, string school, ParentNoticeRequest request, HttpContext http)
    {
        ActionOutcome<ParentNotice> outcome = await notices.RecordAsync(school, request, Actor.Of(http), http.RequestAborted);
        return outcome.Value is { } stored
            ? TypedResults.Created($"/api/schools/{school}/parent-notices?pupil={Uri.EscapeDataString(stored.PupilId)}", stored)
            : TypedResults.ValidationProblem(outcome.Errors!);
    }

    /// <summary>E-mails a pupil's parents.</summary>
    /// <param name="notices">The notice service.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">Pupil and address.</param>
    /// <param name="http">The request.</param>
    /// <returns>201 with the delivery, or 400.</returns>
    public static async Task<Results<Created<NoticeDelivery>, ValidationProblem>> EmailNoticeAsync(ParentNotices notices, string school, NoticeEmailRequest request, HttpContext http)
    {
        ActionOutcome<NoticeDelivery> outcome = await notices.EmailAsync(school, request, Actor.Of(http), http.RequestAborted);
        return outcome.Value is { } delivery
            ? TypedResults.Created($"/api/schools/{school}/parent-notices/deliveries", delivery)
            : TypedResults.ValidationProblem(outcome.Errors!);
    }

    /// <summary>Lists recent deliveries.</summary>
    /// <param name="store">Deliveries.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Newest first.</returns>
    public static async Task<Ok<List<NoticeDelivery>>> ListDeliveriesAsync(NoticeStore store, string school, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListDeliveriesAsync(school, time.GetUtcNow().AddDays(-DeliveryDays), cancellationToken));

    /// <summary>Exports notices for the school's messaging system.</summary>
    /// <param name="notices">The notice service.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="http">The request.</param>
    /// <returns>The CSV file, or 400.</returns>
    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportNoticesAsync(ParentNotices notices, string school, HttpContext http)
    {
        ActionOutcome<(string Csv, int Rows)> outcome = await notices.ExportAsync(school, Actor.Of(http), http.RequestAborted);
        return outcome.Done
            ? TypedResults.File(Encoding.UTF8.GetBytes(outcome.Value.Csv), "text/csv; charset=utf-8", $"parent-notices-{school}.csv")
            : TypedResults.ValidationProblem(outcome.Errors!);
    }

    /// <summary>Reads the school's wording.</summary>
    /// <param name="store">Templates.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The template (the built-in one until the school saves its own).</returns>
    public static async Task<Ok<NoticeTemplate>> GetTemplateAsync(NoticeStore store, string school, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetTemplateAsync(school, cancellationToken));

    /// <summary>Saves the school's wording.</summary>
    /// <param name="notices">The notice service.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">Subject and body.</param>
    /// <param name="http">The request.</param>
    /// <returns>200 with the template, or 400.</returns>
    public static async Task<Results<Ok<NoticeTemplate>, ValidationProblem>> SaveTemplateAsync(ParentNotices notices, string school, NoticeTemplateRequest request, HttpContext http)
    {
        ActionOutcome<NoticeTemplate> outcome = await notices.SaveTemplateAsync(school, request, Actor.Of(http), http.RequestAborted);
        return outcome.Value is { } saved ? TypedResults.Ok(saved) : TypedResults.ValidationProblem(outcome.Errors!);
    }

    /// <summary>Records a confiscation in class.</summary>
    /// <param name="confiscations">The confiscation service.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The confiscation.</param>
    /// <param name="http">The request: the signed-in user is recorded as receiving the phone.</param>
    /// <returns>201 with the record, or 400.</returns>
    public static async Task<Results<Created<Confiscation>, ValidationProblem>> AddConfiscationAsync(Confiscations confiscations, string school, ConfiscationRequest request, HttpContext http)
    {
        ActionOutcome<Confiscation> outcome = await confiscations.RecordAsync(school, request, Actor.Of(http), http.RequestAborted);
        return outcome.Value is { } stored
            ? TypedResults.Created($"/api/schools/{school}/confiscations?pupil={Uri.EscapeDataString(stored.PupilId)}", stored)
            : TypedResults.ValidationProblem(outcome.Errors!);
    }

    /// <summary>Lists recent confiscations.</summary>
    /// <param name="store">Confiscations.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="pupil">Pupil (optional).</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Oldest first.</returns>
    public static async Task<Ok<List<Confiscation>>> ListConfiscationsAsync(ConfiscationStore store, string school, string? pupil, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(school, pupil, time.GetUtcNow().AddDays(-DeliveryDays), cancellationToken));
}
