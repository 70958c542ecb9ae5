using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Records a pupil's phone confiscated in class and handed to the office (who confiscated it, when, lesson and room
/// when known, who received it), the one way the office console and the API do it. The office then takes the phone
/// in at the office unit as usual; the console, the notice to parents and the pupil's records show it was confiscated.
/// </summary>
/// <param name="store">Confiscations.</param>
/// <param name="people">Pupil and member of staff.</param>
/// <param name="users">Audit log.</param>
/// <param name="live">Open pages.</param>
/// <param name="time">The clock.</param>
public sealed class Confiscations(ConfiscationStore store, PeopleStore people, UserStore users, LiveUpdates live, TimeProvider time)
{
    /// <summary>How far back a confiscation may be dated, in hours.</summary>
    public const int MaxAgeHours = 24;

    /// <summary>
    /// Checks and records a confiscation.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The confiscation.</param>
    /// <param name="actor">The office account that received the phone.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored confiscation, or the problems.</returns>
    public async Task<ActionOutcome<Confiscation>> RecordAsync(string school, ConfiscationRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var v = new Apis.Validation();
        v.School(school);
        string pupilId = v.Required("pupilId", request.PupilId, 100);
        string staffId = v.Required("confiscatedBy", request.ConfiscatedBy, 100);
        string? lesson = string.IsNullOrWhiteSpace(request.Lesson) ? null : request.Lesson.Trim();
        string? room = string.IsNullOrWhiteSpace(request.Room) ? null : request.Room.Trim();
        if (lesson?.Length > 100)
        {
            v.Add("lesson", "must be at most 100 characters");
        }

        if (room?.Length > 50)
        {
            v.Add("room", "must be at most 50 characters");
        }

        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset at = request.ConfiscatedUtc ?? now;
        if (at > now.AddMinutes(5) || at < now.AddHours(-MaxAgeHours))
        {
            v.Add("confiscatedUtc", $"must be within the last {MaxAgeHours} hours");
        }

        if (v.IsValid)
        {
            if (!PeopleImporter.IsValidPersonId(pupilId) || await people.FindAsync(school, pupilId, cancellationToken) is not { Kind: PersonKind.Pupil })
            {
                v.Add("pupilId", $"No pupil {pupilId}.");
            }

            if (!PeopleImporter.IsValidPersonId(staffId) || await people.FindAsync(school, staffId, cancellationToken) is not { Kind: PersonKind.Staff })
            {
                v.Add("confiscatedBy", $"No member of staff {staffId}.");
            }
        }

        if (!v.IsValid)
        {
            return new(null, v.Errors);
        }

        Confiscation stored = await store.AddAsync(new Confiscation(0, school, pupilId, staffId, at, lesson, room, actor.Name, default), cancellationToken);
        await actor.AuditAsync(users, school, "office:confiscation", $"pupil={pupilId}; by={staffId}; id={stored.Id}", cancellationToken);
        live.Publish("custody");
        return new(stored);
    }
}
