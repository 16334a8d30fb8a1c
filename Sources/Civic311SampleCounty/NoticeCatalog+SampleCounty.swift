import Civic311
import Foundation

extension NoticeCatalog {
    /// The sample county's notices in English (the default) and Spanish, on every channel: an
    /// e-mail with a subject, a text message that fits one segment when the note is short, a
    /// call-back script, a push notification. Every status change and closing carries the
    /// department's own note.
    public static let sampleCounty: NoticeCatalog = sample("notices") {
        try NoticeCatalog(json: Data(sampleCountyJSON.utf8))
    }

    /// The JSON document behind ``sampleCounty``.
    public static let sampleCountyJSON: String = #"""
        {
          "defaultLanguage": "en",
          "states": {
            "en": {
              "new": "received", "assigned": "accepted", "inProgress": "in progress",
              "onHold": "waiting on you", "resolved": "resolved", "closed": "closed"
            },
            "es": {
              "new": "recibida", "assigned": "aceptada", "inProgress": "en curso",
              "onHold": "en espera de usted", "resolved": "resuelta", "closed": "cerrada"
            }
          },
          "serviceTypes": {
            "es": {
              "POTHOLE": "Bache",
              "STREETLIGHT_OUT": "Farola apagada",
              "TRAFFIC_SIGNAL": "Problema de semáforo",
              "SIGN_DAMAGED": "Señal de tránsito dañada o ausente",
              "SIDEWALK_REPAIR": "Reparación de acera",
              "SNOW_PLOW": "Calle sin despejar de nieve",
              "STREET_SWEEPING": "Barrido de calles",
              "MISSED_TRASH": "Basura no recogida",
              "MISSED_RECYCLING": "Reciclaje no recogido",
              "BULK_PICKUP": "Recogida de objetos voluminosos",
              "RECYCLING_BIN": "Solicitud de contenedor de reciclaje",
              "YARD_WASTE": "Recogida de restos de jardín",
              "DEAD_ANIMAL": "Retiro de animal muerto",
              "GRAFFITI": "Eliminación de grafiti",
              "ILLEGAL_DUMPING": "Vertido ilegal",
              "NOISE": "Queja por ruido",
              "HOUSING_CODE": "Infracción del código de vivienda",
              "NO_HEAT": "Sin calefacción o agua caliente",
              "RODENTS": "Avistamiento de roedores",
              "FOOD_SAFETY": "Queja de seguridad alimentaria",
              "OVERGROWN_LOT": "Terreno con maleza",
              "TREE_DOWN": "Árbol caído",
              "TREE_TRIM": "Poda de árboles",
              "PARK_MAINTENANCE": "Mantenimiento de parques",
              "PLAYGROUND": "Juegos infantiles dañados",
              "ABANDONED_VEHICLE": "Vehículo abandonado",
              "WATER_LEAK": "Fuga en la red de agua",
              "SEWER_BACKUP": "Atasco de alcantarillado",
              "HYDRANT": "Hidrante dañado o con fugas",
              "STRAY_ANIMAL": "Animal callejero",
              "ANIMAL_BITE": "Denuncia de mordedura de animal",
              "STATE_ROAD": "Problema en una carretera estatal",
              "SCHOOL_ZONE": "Seguridad en zona escolar",
              "FORM_REQUEST": "Solicitud de formulario o folleto",
              "COMPLIMENT": "Felicitación al personal"
            }
          },
          "departments": {
            "es": {
              "311": "311 de Cedar Valley",
              "DOT": "Transporte y Calles",
              "SWR": "Residuos Sólidos y Reciclaje",
              "DEP": "Protección Ambiental",
              "HCE": "Vivienda y Cumplimiento de Códigos",
              "PKS": "Parques y Silvicultura",
              "ANS": "Servicios de Animales",
              "POL": "Policía (no emergencias)",
              "WSS": "Servicios de Agua y Alcantarillado",
              "HHS": "Salud y Servicios Humanos",
              "SHA": "Administración Estatal de Carreteras",
              "MIL": "Municipio de Millbrook",
              "SCH": "Escuelas Públicas de Cedar Valley",
              "BRT": "Brightway Lighting (contratista)"
            }
          },
          "notices": {
            "en": {
              "acknowledgement": {
                "email": {
                  "subject": "Cedar Valley 311: your {serviceType} request is ticket {ticket}",
                  "body": "Thank you for your report. Your {serviceType} request is ticket {ticket}. {department} will handle it and expects to finish by {expectedBy}. Keep the ticket number to check on it at any time."
                },
                "sms": { "body": "Cedar Valley 311: {serviceType} request {ticket}. {department}, expected by {expectedBy}." },
                "voice": { "body": "This is Cedar Valley 311 about your {serviceType} request, ticket {ticket}. {department} will handle it and expects to finish by {expectedBy}." },
                "push": { "subject": "Request received", "body": "{serviceType}, ticket {ticket}: expected by {expectedBy}." }
              },
              "statusChange": {
                "email": {
                  "subject": "Cedar Valley 311: ticket {ticket} is {status}",
                  "body": "Your {serviceType} request, ticket {ticket}, is now {status}.[ {department} says: {note}]"
                },
                "sms": { "body": "311 {ticket}: {status}.[ {note}]" },
                "voice": { "body": "This is Cedar Valley 311 about ticket {ticket}. Your {serviceType} request is now {status}.[ {department} says: {note}]" },
                "push": { "subject": "Ticket {ticket}: {status}", "body": "Your {serviceType} request is {status}.[ {note}]" }
              },
              "closing": {
                "email": {
                  "subject": "Cedar Valley 311: ticket {ticket} is closed",
                  "body": "Your {serviceType} request, ticket {ticket}, is closed. What {department} did: {note}"
                },
                "sms": { "body": "311 {ticket} closed: {note}" },
                "voice": { "body": "This is Cedar Valley 311 about ticket {ticket}. Your {serviceType} request is closed. {department} says: {note}" },
                "push": { "subject": "Ticket {ticket} closed", "body": "{note}" }
              },
              "surveyInvitation": {
                "email": {
                  "subject": "How did we do on ticket {ticket}?",
                  "body": "Your {serviceType} request, ticket {ticket}, is closed. Was it fixed, and how satisfied are you, from 1 to 5? Reply to this message."
                },
                "sms": { "body": "311 {ticket}: was it fixed? Reply YES or NO and a score from 1 to 5." },
                "voice": { "body": "Cedar Valley 311 would like to know whether your {serviceType} request, ticket {ticket}, was fixed." },
                "push": { "subject": "How did we do?", "body": "Tell us whether ticket {ticket} was fixed." }
              }
            },
            "es": {
              "acknowledgement": {
                "email": {
                  "subject": "311 de Cedar Valley: su solicitud de {serviceType} es el caso {ticket}",
                  "body": "Gracias por su reporte. Su solicitud de {serviceType} es el caso {ticket}. {department} la atenderá y espera terminar a más tardar el {expectedBy}. Guarde el número de caso para consultarlo en cualquier momento."
                },
                "sms": { "body": "311 Cedar Valley: solicitud {ticket} ({serviceType}). {department}, a mas tardar el {expectedBy}." },
                "voice": { "body": "Le llama el 311 de Cedar Valley sobre su solicitud de {serviceType}, caso {ticket}. {department} la atenderá y espera terminar a más tardar el {expectedBy}." },
                "push": { "subject": "Solicitud recibida", "body": "{serviceType}, caso {ticket}: a más tardar el {expectedBy}." }
              },
              "statusChange": {
                "email": {
                  "subject": "311 de Cedar Valley: el caso {ticket} está {status}",
                  "body": "Su solicitud de {serviceType}, caso {ticket}, ahora está {status}.[ {department} informa: {note}]"
                },
                "sms": { "body": "311 {ticket}: {status}.[ {note}]" },
                "voice": { "body": "Le llama el 311 de Cedar Valley sobre el caso {ticket}. Su solicitud de {serviceType} ahora está {status}.[ {department} informa: {note}]" },
                "push": { "subject": "Caso {ticket}: {status}", "body": "Su solicitud de {serviceType} está {status}.[ {note}]" }
              },
              "closing": {
                "email": {
                  "subject": "311 de Cedar Valley: el caso {ticket} está cerrado",
                  "body": "Su solicitud de {serviceType}, caso {ticket}, está cerrada. Lo que hizo {department}: {note}"
                },
                "sms": { "body": "311 {ticket} cerrado: {note}" },
                "voice": { "body": "Le llama el 311 de Cedar Valley sobre el caso {ticket}. Su solicitud de {serviceType} está cerrada. {department} informa: {note}" },
                "push": { "subject": "Caso {ticket} cerrado", "body": "{note}" }
              },
              "surveyInvitation": {
                "email": {
                  "subject": "¿Cómo lo hicimos en el caso {ticket}?",
                  "body": "Su solicitud de {serviceType}, caso {ticket}, está cerrada. ¿Se resolvió el problema, y qué tan satisfecho está, del 1 al 5? Responda a este mensaje."
                },
                "sms": { "body": "311 {ticket}: se resolvio? Responda SI o NO y una nota del 1 al 5." },
                "voice": { "body": "El 311 de Cedar Valley quiere saber si su solicitud de {serviceType}, caso {ticket}, se resolvió." },
                "push": { "subject": "¿Cómo lo hicimos?", "body": "Díganos si el caso {ticket} se resolvió." }
              }
            }
          }
        }
        """#
}
