import Foundation

/// The parts of an xAPI 1.0.3 statement (Part Two, section 2.4) as ``XAPIStatements`` writes them: encoded with
/// sorted keys, optional properties left out when absent.
extension XAPIStatements {
    struct Statement: Encodable {
        var id: String
        var version = "1.0.3"
        var actor: Actor
        var verb: StatementVerb
        var object: Activity
        var result: Result
        var context: Context
        var timestamp: String

        init(
            id: String, actor: Actor, verb: StatementVerb, object: Activity, result: Result, context: Context,
            timestamp: String
        ) {
            self.id = id
            self.actor = actor
            self.verb = verb
            self.object = object
            self.result = result
            self.context = context
            self.timestamp = timestamp
        }
    }

    struct Actor: Encodable {
        var objectType = "Agent"
        var account: Account

        init(account: Account) { self.account = account }
    }

    struct Account: Encodable {
        var homePage: String
        var name: String
    }

    struct StatementVerb: Encodable {
        var id: String
        var display: [String: String]
    }

    struct Activity: Encodable {
        var objectType = "Activity"
        var id: String
        var definition: Definition

        init(id: String, name: String, type: String) {
            self.id = id
            definition = Definition(name: ["en-US": name], type: type)
        }
    }

    struct Definition: Encodable {
        var name: [String: String]
        var type: String
    }

    struct Result: Encodable {
        var score: Score?
        var completion: Bool?
        var duration: String?
    }

    struct Score: Encodable {
        var scaled: Double
        var raw: Int
        var min: Int
        var max: Int
    }

    struct Context: Encodable {
        var contextActivities: ContextActivities?
        var extensions: [String: String]
        var platform = "Competence Ledger"

        init(contextActivities: ContextActivities?, extensions: [String: String]) {
            self.contextActivities = contextActivities
            self.extensions = extensions
        }
    }

    struct ContextActivities: Encodable {
        var parent: [Activity]?
        var grouping: [Activity]?
    }
}
