import CompetenceCore
import Foundation
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test(arguments: [
        "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "23-01-01", "2023/01/01", "2023-1-01", "abcd-ef-gh", "",
    ])
    func rejectsDaysThatDoNotExist(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "1970-01-01", "2030-12-31", "0001-01-01"])
    func parsesAndPrintsBack(_ text: String) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.description == text)
        #expect(CalendarDate(containing: date.startOfDay) == date)
        #expect(CalendarDate(containing: date.endOfDay.addingTimeInterval(-0.001)) == date)
    }

    @Test func agreesWithFoundationCalendarOverThirtyYears() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = try #require(CalendarDate("2000-01-01"))
        for _ in 0..<(366 * 30) {
            let parts = calendar.dateComponents([.year, .month, .day], from: day.startOfDay)
            #expect([parts.year, parts.month, parts.day] == [day.year, day.month, day.day])
            day = day.adding(days: 1)
        }
        // 366·30 = 10,980 days; 2000-01-01 + 30 years is 10,958 days (8 leap days), so 22 days past 2030-01-01.
        #expect(day.description == "2030-01-23")
    }

    @Test func arithmeticAndOrder() throws {
        let a = try #require(CalendarDate("2024-02-28"))
        #expect(a.adding(days: 1).description == "2024-02-29")
        #expect(a.adding(days: 2).description == "2024-03-01")
        #expect(a.adding(days: -59).description == "2023-12-31")
        #expect(a.days(until: a.adding(days: 400)) == 400)
        #expect(a < a.adding(days: 1))
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
    }
}
