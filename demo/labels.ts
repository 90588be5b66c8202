// The demo's names for its own codes: the onboarding steps and features of the seeded
// app, and the sex column. Channels, user types and column names are built in.
import type { Labels } from '../src/core.js';

const l = (ptBR: string, en: string, es: string) => ({ 'pt-BR': ptBR, en, es });

export const DEMO_LABELS: Labels = {
  event: {
    signup: l('Cadastro', 'Sign-up', 'Registro'),
    first_login: l('Primeiro acesso', 'First login', 'Primer acceso'),
    profile_completed: l('Perfil completo', 'Profile completed', 'Perfil completo'),
    booked_appointment: l('Consulta agendada', 'Appointment booked', 'Cita reservada'),
    teleconsult: l('Teleconsulta', 'Teleconsultation', 'Teleconsulta'),
    lab_results: l('Resultados de exames', 'Lab results', 'Resultados de análisis'),
    prescription_renewal: l('Renovação de receita', 'Prescription renewal', 'Renovación de receta'),
    chat_with_nurse: l('Chat com enfermagem', 'Chat with a nurse', 'Chat con enfermería'),
  },
  sex: {
    F: l('Feminino', 'Female', 'Femenino'),
    M: l('Masculino', 'Male', 'Masculino'),
  },
};
