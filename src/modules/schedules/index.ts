/** The schedules module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { ScheduleInstallmentType, UpfrontFeesType } from './dto/schedule.type';
