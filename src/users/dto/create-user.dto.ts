import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../../common/auth/role';

export class CreateUserDto {
  @ApiProperty({ example: 'Chen Jing', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: ROLES, example: 'auditor' })
  @IsIn(ROLES)
  role: Role;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() createdAt: string;
}

export class CreatedUserView extends UserView {
  @ApiProperty({ description: 'shown once; only its hash is stored' })
  token: string;
}
