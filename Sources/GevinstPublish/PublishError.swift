import Foundation
public import GevinstCore
import PostgresNIO

/// Publish failed: the place (the pipeline, the warehouse, or the server's host:port) and the cause.
/// No message ever holds the password.
public struct PublishError: CategorizedError, Equatable {
    public let place: String
    public let cause: String
    public let category: FailureCategory

    init(_ place: String, _ cause: String, category: FailureCategory) {
        self.place = place
        self.cause = cause
        self.category = category
    }

    public var description: String { "publish: \(place): \(cause)" }

    /// Turns a client or server error into a sentence: an unreachable server, a refused login or a
    /// lost connection is `unavailable` (69); anything else the server refuses is `internal`.
    static func classify(_ error: any Error, server: ConnectionSettings) -> PublishError {
        if let error = error as? PublishError { return error }
        let place = "PostgreSQL at \(server.address)"
        guard let error = error as? PSQLError else {
            return PublishError(place, "cannot connect or talk to the server: \(String(describing: error).prefix(200))", category: .unavailable)
        }
        switch error.code {
        case .connectionError:
            return PublishError(place, "cannot connect: \(connectionFailure(error.underlying)); is the server running and reachable?",
                                category: .unavailable)
        case .authMechanismRequiresPassword:
            return PublishError(place, "the server asks user '\(server.user)' for a password; set PGPASSWORD or add it to ~/.pgpass (mode 0600)",
                                category: .unavailable)
        case .sslUnsupported:
            return PublishError(place, "the server does not offer TLS, and sslmode is require", category: .unavailable)
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return PublishError(place, "the connection was lost; the published slice stays as it was", category: .unavailable)
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "an error"
            switch state.prefix(2) {
            case "28":
                return PublishError(place, "the server refused the login of user '\(server.user)' to database '\(server.database)': \(message)",
                                    category: .unavailable)
            case "3D":
                return PublishError(place, "database '\(server.database)' does not exist: \(message)", category: .unavailable)
            case "08", "53", "57":
                return PublishError(place, "the server cannot serve this publish now (\(state)): \(message); the published slice stays as it was",
                                    category: .unavailable)
            default:
                return PublishError(place, "the server refused the publish (\(state)): \(message); the published slice stays as it was",
                                    category: .internal)
            }
        default:
            return PublishError(place, "\(error.code): the published slice stays as it was", category: .internal)
        }
    }

    /// Why a connection could not be made, in a few plain words instead of NIO's description.
    private static func connectionFailure(_ error: (any Error)?) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.first { return connectionFailure(failure.error) }
            return error.dnsAError != nil || error.dnsAAAAError != nil ? "the host name cannot be resolved" : "no address to connect to"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case ChannelError.connectTimeout?:
            return "no answer within the connect timeout"
        case is SocketAddressError:
            return "the host name cannot be resolved"
        default:
            return "no answer"
        }
    }
}
